package dev.openpanel.camel.component;

import org.apache.camel.spi.Metadata;

/** Headers the {@code openpanel:} endpoints read and set. */
public final class OpenPanelConstants {

    @Metadata(description = "The operation to perform (list, get, create, update, delete, ensure); overrides the endpoint's"
            + " `operation` option.", javaType = "String")
    public static final String OPERATION = "CamelOpenpanelOperation";

    @Metadata(description = "Id of the resource to get, update, delete or ensure; overrides the endpoint's `id` option. After a"
            + " create it holds the id of the new resource.", javaType = "String")
    public static final String ID = "CamelOpenpanelId";

    @Metadata(description = "Lists only the clients or references of this project; overrides the endpoint's"
            + " `projectId` option.", javaType = "String")
    public static final String PROJECT_ID = "CamelOpenpanelProjectId";

    @Metadata(description = "After create, update, delete and ensure: what happened: created, updated, unchanged, deleted,"
            + " already-gone, or in a dry run would-create / would-update.", javaType = "String")
    public static final String OUTCOME = "CamelOpenpanelOutcome";

    @Metadata(description = "After update and ensure: the fields that were changed, comma-separated (empty when none).",
              javaType = "String")
    public static final String CHANGED_FIELDS = "CamelOpenpanelChangedFields";

    @Metadata(description = "After ensure: a remark on a difference the API cannot change (a project's types), or null.",
              javaType = "String")
    public static final String NOTE = "CamelOpenpanelNote";

    @Metadata(description = "After create and ensure: true when the resource was created by an earlier attempt whose answer"
            + " was lost (a crash, a timeout): the body is the resource without its secret, which cannot be recovered.",
              javaType = "Boolean")
    public static final String RECOVERED = "CamelOpenpanelRecovered";

    @Metadata(description = "ensure: the id of the resource to make look like the body, instead of finding it by natural"
            + " key. A header of its own because every write sets CamelOpenpanelId, which would otherwise leak into the next"
            + " ensure of a route.", javaType = "String")
    public static final String ENSURE_ID = "CamelOpenpanelEnsureId";

    @Metadata(description = "ensure: whether a resource it does not find is created; overrides the endpoint's"
            + " `createIfAbsent` option.", javaType = "Boolean")
    public static final String CREATE_IF_ABSENT = "CamelOpenpanelCreateIfAbsent";

    @Metadata(description = "After create and ensure of a project recovered by lookup (CamelOpenpanelRecovered): the write"
            + " client the API made with it, whose secret was lost with the answer (rotate it), or null.", javaType = "String")
    public static final String FIRST_CLIENT_ID = "CamelOpenpanelFirstClientId";

    @Metadata(description = "Decide and report (outcome would-create / would-update) but send no write; overrides the"
            + " endpoint's `dryRun` option.", javaType = "Boolean")
    public static final String DRY_RUN = "CamelOpenpanelDryRun";

    @Metadata(description = "The key of this piece of work in the job's intent repository (exchange property"
            + " CamelOpenpanelIntents), e.g. a row number: a write is recorded there before it is sent.", javaType = "String")
    public static final String INTENT_KEY = "CamelOpenpanelIntentKey";

    @Metadata(description = "The priority of the call at the rate limiter, urgent or bulk; overrides the endpoint's"
            + " `priority` option.", javaType = "String")
    public static final String PRIORITY = "CamelOpenpanelPriority";

    /**
     * Exchange property: the unit of work's {@code ResourceSnapshot} (one listing per kind, kept current with its own
     * writes). Set before a split so every part shares it; created on first use otherwise.
     */
    public static final String SNAPSHOT = "CamelOpenpanelSnapshot";

    /** Exchange property: the job's durable {@code IntentRepository}, used with the {@value #INTENT_KEY} header. */
    public static final String INTENTS = "CamelOpenpanelIntents";

    private OpenPanelConstants() {
    }
}
