package dev.openpanel.camel.component.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of a project create or update; fields left null are not sent. {@code types} is honoured only on create
 * and {@code allowUnsafeRevenueTracking} only on update: the API silently drops the other.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectRequest(
        String name,
        String domain,
        List<String> cors,
        Boolean crossDomain,
        List<ProjectType> types,
        Boolean allowUnsafeRevenueTracking) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ProjectRequest}. */
    public static final class Builder {
        private String name;
        private String domain;
        private List<String> cors;
        private Boolean crossDomain;
        private List<ProjectType> types;
        private Boolean allowUnsafeRevenueTracking;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** An absolute URL, or {@code ""} to clear the domain. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        public Builder cors(List<String> cors) {
            this.cors = cors;
            return this;
        }

        public Builder crossDomain(Boolean crossDomain) {
            this.crossDomain = crossDomain;
            return this;
        }

        public Builder types(List<ProjectType> types) {
            this.types = types;
            return this;
        }

        public Builder allowUnsafeRevenueTracking(Boolean allow) {
            this.allowUnsafeRevenueTracking = allow;
            return this;
        }

        public ProjectRequest build() {
            return new ProjectRequest(name, domain, cors, crossDomain, types, allowUnsafeRevenueTracking);
        }
    }
}
