package dev.openpanel.camel.component;

import org.apache.camel.spi.Metadata;

/** Headers the {@code openpanel:} endpoints read and set. */
public final class OpenPanelConstants {

    @Metadata(description = "The operation to perform (list, get, create, update, delete); overrides the endpoint's"
            + " `operation` option.", javaType = "String")
    public static final String OPERATION = "CamelOpenpanelOperation";

    @Metadata(description = "Id of the resource to get, update or delete; overrides the endpoint's `id` option. After a"
            + " create it holds the id of the new resource.", javaType = "String")
    public static final String ID = "CamelOpenpanelId";

    @Metadata(description = "Lists only the clients or references of this project; overrides the endpoint's"
            + " `projectId` option.", javaType = "String")
    public static final String PROJECT_ID = "CamelOpenpanelProjectId";

    private OpenPanelConstants() {
    }
}
