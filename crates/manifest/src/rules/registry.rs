//! The registry: one entry per rule (see `declare_rules!`). Grouped as Copilot checks them:
//! syntax and decoding, then semantic rules in validate order, then our own cross-service
//! warnings and the workspace-level checks.

super::declare_rules! {
    YamlSyntax {
        code: "yaml-syntax",
        severity: Error,
        summary: "YAML syntax error",
        explain: "The file is not valid YAML. Copilot reads the whole file with a YAML parser before anything else, so nothing in it is used until the syntax is fixed.",
        source: "spec §0 step 2",
    }
    YamlExcessiveAliasing {
        code: "yaml-excessive-aliasing",
        severity: Error,
        summary: "Aliases that expand without bound",
        explain: "A document whose anchors and aliases multiply into more than 100,000 nodes (a \"billion laughs\" document) is refused before analysis; yaml.v3 refuses excessive aliasing too.",
        source: "issue limits: never hang",
    }
    WrongType {
        code: "wrong-type",
        severity: Error,
        summary: "A value of the wrong type",
        explain: "Copilot decodes manifests into typed fields with yaml.v3: ports and counts must be unquoted numbers, booleans may be true/false or the YAML 1.1 words yes/no/on/off, durations are strings like 30s. A quoted number is a string and is refused.",
        source: "spec §2.4, §2.6",
    }
    InvalidUnion {
        code: "invalid-union",
        severity: Error,
        summary: "A field that takes one of two forms has neither",
        explain: "Fields such as network.connect accept either a scalar form (true/false) or a map form ({alias: name}). Copilot tries the map form, then the scalar form, and fails with a fixed message that has no line number.",
        source: "spec §2.5",
    }
    DuplicateKey {
        code: "duplicate-key",
        severity: Error,
        summary: "A key written twice in one mapping",
        explain: "yaml.v3 refuses a mapping that defines the same key twice when it decodes it into a struct.",
        source: "spec §2.3",
    }
    InvalidType {
        code: "invalid-type",
        severity: Error,
        summary: "Unknown or missing workload type",
        explain: "`type` must be exactly one of the six workload types, matched case-sensitively: Load Balanced Web Service, Backend Service, Worker Service, Scheduled Job, Request-Driven Web Service, Static Site.",
        source: "spec §0 step 3b, §1.1",
    }
    ManifestNotAMap {
        code: "manifest-not-a-map",
        severity: Error,
        summary: "The manifest is not a mapping",
        explain: "A workload manifest is a YAML mapping with at least `name` and `type`.",
        source: "spec §0 step 3",
    }
    UnknownKey {
        code: "unknown-key",
        severity: Warning,
        summary: "A key Copilot does not know here",
        explain: "Copilot silently ignores keys it does not know, at any depth, so a misspelt key has no effect at all. The nearest known key is suggested.",
        source: "spec §2.1; manifest-fields.md",
    }
    Interpolation {
        code: "interpolation",
        severity: Error,
        summary: "A ${VAR} that cannot be substituted",
        explain: "Copilot substitutes ${VAR} in string values before decoding. It predefines only COPILOT_APPLICATION_NAME and COPILOT_ENVIRONMENT_NAME; every other variable must come from the shell. COPILOT_SERVICE_NAME is a container variable, not a manifest one.",
        source: "spec §3.4",
    }
    NullOverrideBlock {
        code: "null-override-block",
        severity: Warning,
        summary: "An empty environment override block that crashes Copilot",
        explain: "For Request-Driven Web Services and Scheduled Jobs, Copilot dereferences `environments.<env>` without checking it, so an empty block makes Copilot crash while deploying to that environment.",
        source: "spec §3.3, §10 row 23",
    }
    ImageBuildOrLocation {
        code: "image-build-or-location",
        severity: Error,
        summary: "`image` needs `build` or `location`",
        explain: "A workload's image (every type but Static Site) is built from a Dockerfile (`build`) or pulled from a registry (`location`): exactly one of them is required. Ports `ImageLocationOrBuild.validate` of Copilot's validate.go.",
        source: "spec §4.3 item 4; validate.go ImageLocationOrBuild.validate",
    }
    ImagePortRequired {
        code: "image-port-required",
        severity: Error,
        summary: "`image.port` is required",
        explain: "Load Balanced Web Services and Request-Driven Web Services must say which port their container listens on.",
        source: "spec §4.3 item 4, §4.7",
    }
    HttpRequired {
        code: "http-required",
        severity: Error,
        summary: "`http` is required for a Load Balanced Web Service",
        explain: "A Load Balanced Web Service must have `http`, even when it only uses a Network Load Balancer (then write `http: false`).",
        source: "spec §4.3 item 5",
    }
    HttpPathRequired {
        code: "http-path-required",
        severity: Error,
        summary: "`http.path` is required",
        explain: "The load balancer's main rule needs a path to route; an `http` map that sets other keys still needs `path`.",
        source: "spec §4.3 item 6",
    }
    ConnectAliasWithoutPort {
        code: "connect-alias-without-port",
        severity: Error,
        summary: "A Service Connect alias on a service that exposes no port",
        explain: "An alias publishes the service under a name, which needs a port to answer on. Copilot refuses it for a Backend Service without `image.port` or `http.target_container`, and for every Worker Service. `network.connect: true` without a port is fine: the service is then a client only.",
        source: "spec §4.4 item 7, §4.5, §10 rows 3-5",
    }
    ConnectUnsupported {
        code: "connect-unsupported",
        severity: Warning,
        summary: "`network.connect` on a Request-Driven Web Service",
        explain: "App Runner services cannot join Service Connect; Copilot ignores the key without a word. Other services reach an RDWS through its App Runner URL; an RDWS reaches private services through a VPC connector (`network.vpc.placement: private`).",
        source: "spec §1.1, §10 row 21",
    }
    ConnectIgnored {
        code: "connect-ignored",
        severity: Warning,
        summary: "`network.connect` on a Scheduled Job",
        explain: "Copilot accepts `network.connect` in a job manifest but never configures Service Connect for jobs: they run as tasks, not services.",
        source: "spec §1.1",
    }
    HttpOrNlbRequired {
        code: "http-or-nlb-required",
        severity: Error,
        summary: "`http: false` without `nlb`",
        explain: "A Load Balanced Web Service needs a load balancer: with the Application Load Balancer turned off (`http: false`) it must have a Network Load Balancer (`nlb`).",
        source: "spec §4.3 item 1",
    }
    PlacementInvalid {
        code: "placement-invalid",
        severity: Error,
        summary: "A placement Copilot does not accept",
        explain: "`network.vpc.placement` is `public` or `private` (exactly, lower case) or a map with `subnets`. A Request-Driven Web Service's VPC connector can only be `private`.",
        source: "spec §4.3 item 10, §4.7, §10 rows 20 and 22",
    }
    ConnectWindows {
        code: "connect-windows",
        severity: Error,
        summary: "Service Connect on Windows",
        explain: "Since v1.33.2 Copilot refuses `network.connect` for Load Balanced Web Services and Backend Services on a Windows platform.",
        source: "spec §4.3 item 13, §10 row 7",
    }
    PortInvalid {
        code: "port-invalid",
        severity: Error,
        summary: "A port mapping Copilot cannot parse",
        explain: "Sidecar ports are `PORT` or `PORT/PROTOCOL` with TCP or UDP; NLB listener ports also accept TLS.",
        source: "spec §4.3 items 9 and 15",
    }
    NlbPortRequired {
        code: "nlb-port-required",
        severity: Error,
        summary: "`nlb` without a port",
        explain: "A Network Load Balancer listener needs `port`.",
        source: "spec §4.3 item 15",
    }
    TargetContainerInvalid {
        code: "target-container-invalid",
        severity: Error,
        summary: "A load balancer target container that cannot receive traffic",
        explain: "`target_container` must be the main container (which then needs `image.port`) or a sidecar that has `port`.",
        source: "spec §4.3 item 18",
    }
    PortExposedTwice {
        code: "port-exposed-twice",
        severity: Error,
        summary: "One port exposed by two containers, or with two protocols",
        explain: "All containers of a task share one network namespace, so each port belongs to one container and one protocol.",
        source: "spec §4.3 item 20, §5.1, §10 row 25",
    }
    HealthCheckUdp {
        code: "health-check-udp",
        severity: Error,
        summary: "A load balancer health check on a UDP port",
        explain: "Load balancer health checks use TCP. The port each ALB rule or NLB listener checks (its `healthcheck.port`, else its target port) must not be exposed over UDP.",
        source: "spec §4.3 item 22, §10 rows 18 and 18b",
    }
    GracePeriodMisplaced {
        code: "grace-period-misplaced",
        severity: Error,
        summary: "A health check grace period in the wrong place",
        explain: "`grace_period` belongs to the main rule's health check only, and to one load balancer: not to `http.additional_rules[i]`, `nlb.additional_listeners[i]`, or both `http` and `nlb`.",
        source: "spec §4.3 item 2",
    }
    HttpSourceIpInvalid {
        code: "http-source-ip-invalid",
        severity: Error,
        summary: "An allowed source IP that is not a CIDR block",
        explain: "Each `allowed_source_ips` entry must parse as a CIDR block (an address and a prefix length).",
        source: "spec §4.3 item 6",
    }
    HttpVersionInvalid {
        code: "http-version-invalid",
        severity: Error,
        summary: "An unknown protocol version",
        explain: "`http.version` is `grpc`, `http1` or `http2` (any case).",
        source: "spec §4.3 item 6",
    }
    HttpHostedZoneWithoutAlias {
        code: "http-hosted-zone-without-alias",
        severity: Error,
        summary: "`hosted_zone` without `alias`",
        explain: "A hosted zone is where Copilot creates records for the rule's aliases: it needs `alias`.",
        source: "spec §4.3 item 6",
    }
    HttpTooManyConditions {
        code: "http-too-many-conditions",
        severity: Error,
        summary: "A listener rule with too many conditions",
        explain: "An ALB listener rule takes at most five condition values and Copilot adds one of its own, so aliases plus allowed source IPs must number four or fewer.",
        source: "spec §4.3 item 6",
    }
    HttpTargetContainerTwice {
        code: "http-target-container-twice",
        severity: Error,
        summary: "`target_container` and `targetContainer` together",
        explain: "`targetContainer` is the deprecated spelling of `target_container`; a rule may set only one.",
        source: "spec §4.3 item 6",
    }
    HttpAliasNameRequired {
        code: "http-alias-name-required",
        severity: Error,
        summary: "An alias map without `name`",
        explain: "Aliases written as maps (`{name, hosted_zone}`) need `name`.",
        source: "spec §4.3 item 6",
    }
    ScalingNeedsAlb {
        code: "scaling-needs-alb",
        severity: Error,
        summary: "Request-based scaling without an Application Load Balancer",
        explain: "Scaling on `count.requests` or `count.response_time` reads the ALB's metrics, so the service needs `http`.",
        source: "spec §4.3 item 3, §4.4 item 4",
    }
    VariableFromCfnEmpty {
        code: "variable-from-cfn-empty",
        severity: Error,
        summary: "`from_cfn` without an export name",
        explain: "A variable imported from CloudFormation names the exported output it reads.",
        source: "spec §4.3 item 7",
    }
    EnvFileExtension {
        code: "env-file-extension",
        severity: Error,
        summary: "An env file without the `.env` extension",
        explain: "`env_file` (and each sidecar's) must name a file ending in `.env`.",
        source: "spec §4.3 item 7",
    }
    JobCountAutoscaling {
        code: "job-count-autoscaling",
        severity: Error,
        summary: "Autoscaling on a Scheduled Job",
        explain: "A job runs a fixed number of tasks per run: `count` is a number, not an autoscaling map.",
        source: "spec §4.6",
    }
    JobScheduleRequired {
        code: "job-schedule-required",
        severity: Error,
        summary: "A Scheduled Job without a schedule",
        explain: "`on.schedule` says when the job runs: a cron expression, a rate or `@daily`-style shorthand.",
        source: "spec §4.6",
    }
    RdwsPlatform {
        code: "rdws-platform",
        severity: Error,
        summary: "`platform` on a Request-Driven Web Service",
        explain: "Because of an always-true condition in Copilot, any `platform` on a Request-Driven Web Service is refused, even linux/amd64.",
        source: "spec §4.7",
    }
    StaticSiteCertificate {
        code: "static-site-certificate",
        severity: Error,
        summary: "A Static Site certificate Copilot refuses",
        explain: "`http.certificate` needs `http.alias`, and CloudFront takes certificates from us-east-1 only.",
        source: "spec §4.8",
    }
    StaticSiteSourceRequired {
        code: "static-site-source-required",
        severity: Error,
        summary: "A Static Site file without `source`",
        explain: "Each entry of `files` uploads a local `source`.",
        source: "spec §4.8",
    }
    DeploymentRollingInvalid {
        code: "deployment-rolling-invalid",
        severity: Error,
        summary: "An unknown rolling deployment strategy",
        explain: "`deployment.rolling` is `default` (start new tasks before stopping old ones) or `recreate` (stop first).",
        source: "Copilot's validate.go (the spec is silent)",
    }
    DependsOnStatusInvalid {
        code: "depends-on-status-invalid",
        severity: Error,
        summary: "An unknown container dependency status",
        explain: "`depends_on` maps a container to START, COMPLETE, SUCCESS or HEALTHY.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    StorageEphemeralRange {
        code: "storage-ephemeral-range",
        severity: Error,
        summary: "Ephemeral storage outside what Fargate offers",
        explain: "Fargate tasks get 20 to 200 GiB of ephemeral storage.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    CountRangeInvalid {
        code: "count-range-invalid",
        severity: Error,
        summary: "An autoscaling range that is not MIN-MAX",
        explain: "`count.range` is written `MIN-MAX`, for example `1-10`, or as a map with `min` and `max`.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    CountPercentageRange {
        code: "count-percentage-range",
        severity: Error,
        summary: "A scaling percentage outside 0-100",
        explain: "`cpu_percentage` and `memory_percentage` are target utilisations from 0 to 100.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    TaskdefOverrideRefused {
        code: "taskdef-override-refused",
        severity: Error,
        summary: "A task definition field Copilot owns",
        explain: "`taskdef_overrides` cannot change the task family or a container's name: Copilot relies on them.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    NlbHostedZone {
        code: "nlb-hosted-zone",
        severity: Error,
        summary: "A hosted zone on a Network Load Balancer alias",
        explain: "Network Load Balancer aliases are created in the application's hosted zone; `hosted_zone` is for the Application Load Balancer only.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    TracingVendorInvalid {
        code: "tracing-vendor-invalid",
        severity: Error,
        summary: "An unknown tracing vendor",
        explain: "`observability.tracing` is `awsxray`.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    PlatformInvalid {
        code: "platform-invalid",
        severity: Error,
        summary: "A platform Copilot does not build for",
        explain: "`platform` is one of linux/amd64, linux/x86_64, linux/arm, linux/arm64, windows/amd64 or windows/x86_64 (or a map with `osfamily` and `architecture`).",
        source: "Copilot's validate.go (the spec is silent)",
    }
    ArmSpot {
        code: "arm-spot",
        severity: Error,
        summary: "Fargate Spot on ARM",
        explain: "Fargate Spot has no ARM capacity, so `count.spot` and `count.range.spot_from` are refused on linux/arm and linux/arm64.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    WindowsReadonlyFs {
        code: "windows-readonly-fs",
        severity: Error,
        summary: "A read-only root filesystem on Windows",
        explain: "Windows tasks cannot set `storage.readonly_fs: true` (an environment override counts too). Ports the first check of `validateWindows` in Copilot's validate.go (fixture: tests/fixtures/windows-readonly-fs).",
        source: "validate.go validateWindows",
    }
    WindowsEfs {
        code: "windows-efs",
        severity: Error,
        summary: "EFS on Windows",
        explain: "Windows tasks cannot mount EFS volumes.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    PublishTopicInvalid {
        code: "publish-topic-invalid",
        severity: Error,
        summary: "A topic without a valid name",
        explain: "Each `publish.topics` entry names an SNS topic: letters, digits, `_` and `-`.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    DependsOnUnknown {
        code: "depends-on-unknown",
        severity: Error,
        summary: "A dependency on a container that does not exist",
        explain: "`depends_on` names the main container (the service's name) or one of its sidecars.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    DependsOnEssential {
        code: "depends-on-essential",
        severity: Error,
        summary: "Waiting for an essential container to finish",
        explain: "An essential container runs for the task's lifetime, so others may only wait for it to START or be HEALTHY.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    DependsOnCycle {
        code: "depends-on-cycle",
        severity: Error,
        summary: "Containers that wait for each other",
        explain: "Container dependencies must not form a cycle: the task would never start.",
        source: "Copilot's validate.go (the spec is silent)",
    }
    CountFieldInvalid {
        code: "count-field-invalid",
        severity: Error,
        summary: "A scaling field this workload type cannot use",
        explain: "Load balanced and backend services scale on CPU, memory, requests or response time; workers on CPU, memory or queue delay.",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    CountSpotWithAutoscaling {
        code: "count-spot-with-autoscaling",
        severity: Error,
        summary: "`spot` together with autoscaling",
        explain: "`count.spot` runs a fixed number of Spot tasks; with autoscaling use `range.spot_from` instead.",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    CountRangeRequired {
        code: "count-range-required",
        severity: Error,
        summary: "Autoscaling without a range",
        explain: "A scaling field needs `count.range`: the least and most tasks.",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    CountScalingFieldRequired {
        code: "count-scaling-field-required",
        severity: Error,
        summary: "A range or cooldown without a field to scale on",
        explain: "`count.range` and `count.cooldown` only make sense with a scaling field.",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    CountQueueDelayInvalid {
        code: "count-queue-delay-invalid",
        severity: Error,
        summary: "Queue-delay scaling without its two durations",
        explain: "`queue_delay` needs `acceptable_latency` and `msg_processing_time`, neither 0.",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    MountPathInvalid {
        code: "mount-path-invalid",
        severity: Error,
        summary: "A mount point path Copilot refuses",
        explain: "A volume's or mount point's `path` is required and may hold only letters, digits and `-._/` (Copilot passes it to a shell).",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    EfsConfigInvalid {
        code: "efs-config-invalid",
        severity: Error,
        summary: "EFS settings that do not fit together",
        explain: "An EFS volume is either managed by Copilot (`uid` and `gid`, uid not 0) or your own file system (`id`, `root_dir`, `auth`), not both; an access point (`auth.access_point_id`) needs `root_dir` empty or `/` and `auth.iam` not false; `root_dir` holds only letters, digits and `-._/`. Ports `EFSVolumeConfiguration.validate` of Copilot's validate.go.",
        source: "validate.go EFSVolumeConfiguration.validate, validateVolumePath (errors.go for the texts)",
    }
    EfsManagedTwice {
        code: "efs-managed-twice",
        severity: Error,
        summary: "Two Copilot-managed EFS volumes",
        explain: "Copilot creates at most one managed file system per service.",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    MountSourceRequired {
        code: "mount-source-required",
        severity: Error,
        summary: "A sidecar mount point without its volume",
        explain: "Each of a sidecar's `mount_points` names the `source_volume` it mounts.",
        source: "Copilot's validate.go and errors.go (the spec is silent)",
    }
    SubscriptionInvalid {
        code: "subscription-invalid",
        severity: Error,
        summary: "A subscription without a valid topic or service",
        explain: "Each of a Worker's `subscribe.topics` names a topic (letters, digits, `_`, `-`) and the service that publishes it; the service name starts with a lower-case letter and holds only lower-case letters, digits and single hyphens, not trailing (`isValidSubSvcName`). Ports `TopicSubscription.validate` of Copilot's validate.go.",
        source: "validate.go TopicSubscription.validate, validatePubSubName, isValidSubSvcName",
    }
    QueueFifoInvalid {
        code: "queue-fifo-invalid",
        severity: Error,
        summary: "FIFO queue settings that do not go together",
        explain: "A Worker Service's SQS queue (`subscribe.queue.fifo`, `subscribe.topics[].queue.fifo`) in its map form: `high_throughput` excludes `throughput_limit` and `deduplication_scope`; `deduplication_scope` is messageGroup or queue; `throughput_limit` is perMessageGroupId or perQueue, and perMessageGroupId needs messageGroup deduplication. Ports `FIFOAdvanceConfig.validate` of Copilot's validate.go (fixture: tests/fixtures/queue-fifo-invalid).",
        source: "validate.go FIFOAdvanceConfig.validate, validateHighThroughputFIFO, validateDeduplicationScope, validateFIFOThroughputLimit",
    }
    SidecarImageRequired {
        code: "sidecar-image-required",
        severity: Error,
        summary: "A sidecar without an image",
        explain: "Every sidecar runs a container image: `image` is required (a URI, or a map with `build` or `location`). Ports `SidecarConfig.validateImage` of Copilot's validate.go, whose text has an unbalanced quote (`\"image.build, or`), reproduced byte for byte.",
        source: "spec §4.3 item 9; validate.go SidecarConfig.validateImage",
    }
    NameRequired {
        code: "name-required",
        severity: Error,
        summary: "`name` is required",
        explain: "The manifest's `name` becomes the stack's WorkloadName: the default Service Connect alias, the Service Discovery name and COPILOT_SERVICE_NAME.",
        source: "spec §3.1, §4.3 item 17",
    }
    // Environment manifests: `validate_env.go`, in `EnvironmentConfig.validate`'s order.
    EnvVpcImportAndCustomize {
        code: "env-vpc-import-and-customize",
        severity: Error,
        summary: "An imported VPC that is also customised",
        explain: "An environment either imports an existing VPC (`network.vpc.id`, subnets by `id`) or adjusts the VPC Copilot creates (`network.vpc.cidr`, subnets by `cidr` and `az`). Setting both `id` and `cidr` is refused. Fixture: tests/fixtures/env-vpc-import-and-customize/.",
        source: "validate_env.go environmentVPCConfig.validate",
    }
    EnvSubnetIdExclusive {
        code: "env-subnet-id-exclusive",
        severity: Error,
        summary: "A subnet with both `id` and `cidr` or `az`",
        explain: "A subnet under `network.vpc.subnets` is either imported (`id`) or created by Copilot (`cidr`, `az`); it cannot be both. Fixture: tests/fixtures/env-subnet-id-exclusive/.",
        source: "validate_env.go subnetsConfiguration.validate, subnetConfiguration.validate",
    }
    EnvImportedVpcSubnets {
        code: "env-imported-vpc-subnets",
        severity: Error,
        summary: "Imported VPC subnets missing or too few",
        explain: "With `network.vpc.id`, every subnet needs an `id`, the VPC needs subnets, and neither side may list exactly one subnet: a public load balancer needs two public subnets, and private subnets come in pairs too. Fixture: tests/fixtures/env-imported-vpc-subnets/.",
        source: "validate_env.go environmentVPCConfig.validateImportedVPC",
    }
    EnvAdjustedVpcSubnets {
        code: "env-adjusted-vpc-subnets",
        severity: Error,
        summary: "Adjusted VPC subnets that do not line up",
        explain: "With `network.vpc.cidr`, every subnet needs a `cidr`; the public and private subnets must span the same availability zones; when zones are given there must be at least two, and one distinct CIDR per zone on each side. Fixture: tests/fixtures/env-adjusted-vpc-subnets/.",
        source: "validate_env.go environmentVPCConfig.validateManagedVPC",
    }
    EnvCertificateArn {
        code: "env-certificate-arn",
        severity: Error,
        summary: "A load balancer certificate that is not an ARN",
        explain: "Each entry of `http.public.certificates` and `http.private.certificates` must parse as an ARN (aws-sdk-go's `arn.Parse`): `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. Fixture: tests/fixtures/env-certificate-arn/.",
        source: "validate_env.go PublicHTTPConfig.validate, privateHTTPConfig.validate",
    }
    EnvAlbIngressInvalid {
        code: "env-alb-ingress-invalid",
        severity: Error,
        summary: "Load balancer ingress settings Copilot refuses",
        explain: "The deprecated `security_groups.ingress` and the newer `ingress` cannot both be set; `from_vpc` means nothing on the public load balancer and `restrict_to` nothing on the internal one; every `source_ips` entry must be a CIDR block. Fixture: tests/fixtures/env-alb-ingress-invalid/.",
        source: "validate_env.go PublicHTTPConfig.validate, privateHTTPConfig.validate, RestrictiveIngress.validate",
    }
    EnvSecurityGroupRule {
        code: "env-security-group-rule",
        severity: Error,
        summary: "An environment security group rule Copilot refuses",
        explain: "Each rule under `network.vpc.security_group.ingress` and `.egress` needs `cidr`, `ip_protocol` and `ports`; `ports` is a number or a range `FROM-TO` with FROM no greater than TO. Fixture: tests/fixtures/env-security-group-rule/.",
        source: "validate_env.go securityGroupConfig.validate, securityGroupRule.validate, portsConfig.validate",
    }
    EnvCdnInvalid {
        code: "env-cdn-invalid",
        severity: Error,
        summary: "CDN settings Copilot refuses",
        explain: "`cdn.certificate` must be an ARN in us-east-1 (the only region CloudFront takes certificates from), and `cdn.static_assets` needs all of `location`, `alias` and `path` once any is set. Fixture: tests/fixtures/env-cdn-invalid/.",
        source: "validate_env.go AdvancedCDNConfig.validate, CDNStaticConfig.validate",
    }
    EnvCdnRequired {
        code: "env-cdn-required",
        severity: Error,
        summary: "Settings that need the CDN, or CDN certificates that do not match",
        explain: "Restricting the public load balancer's ingress to the CDN needs `cdn` enabled; with the CDN on, `cdn.certificate` is required when the load balancer imports certificates, and without them it needs `cdn.terminate_tls: true`. Fixture: tests/fixtures/env-cdn-required/.",
        source: "validate_env.go EnvironmentConfig.validate",
    }
    EnvInternalAlbSubnets {
        code: "env-internal-alb-subnets",
        severity: Error,
        summary: "Internal load balancer subnets that are not imported",
        explain: "`http.private.subnets` places the internal load balancer in imported subnets: it needs an imported VPC, and every entry must be one of the subnet IDs under `network.vpc.subnets` (a repeated entry is refused too, as Copilot counts entries). Fixture: tests/fixtures/env-internal-alb-subnets/.",
        source: "validate_env.go EnvironmentConfig.validate, validateInternalALBSubnets",
    }
    ConnectAliasInvalid {
        code: "connect-alias-invalid",
        severity: Warning,
        summary: "A Service Connect alias ECS will reject",
        explain: "ECS accepts a client alias of at most 127 characters made of lowercase letters, digits, `_`, `-` and `.`, not starting with `-`. Copilot does not check it, so the deployment fails in ECS.",
        source: "spec §3.2, §4.9",
    }
    ConnectAliasCollision {
        code: "connect-alias-collision",
        severity: Warning,
        summary: "Two services publish the same Service Connect alias",
        explain: "An alias must be unique in the environment's namespace. Copilot does not check it; ECS refuses the second service at deploy time.",
        source: "spec §3.2, §4.9",
    }
    ConnectOffClient {
        code: "connect-off-client",
        severity: Warning,
        summary: "A client without Service Connect",
        explain: "A service without `network.connect` cannot resolve Service Connect aliases: it reaches other services only through their Service Discovery names (`<svc>.<env>.<app>.local`).",
        source: "spec §6.5",
    }
    ConnectOffServer {
        code: "connect-off-server",
        severity: Warning,
        summary: "A server without Service Connect",
        explain: "Service Connect clients can reach a service that has `network.connect` off only through its Service Discovery name, not by a short alias.",
        source: "spec §6.5",
    }
    UrlNeedsPort {
        code: "url-needs-port",
        severity: Info,
        summary: "A URL that must carry its port",
        explain: "Service Connect and Service Discovery answer on the container's target port. Only port 80 may be left out of a URL: `http://api` works only for services on port 80.",
        source: "spec §6.2, §6.3",
    }
    NoEnvironment {
        code: "no-environment",
        severity: Info,
        summary: "No environment to compute endpoints for",
        explain: "Endpoints depend on the environment's namespace. Add copilot/environments/<env>/manifest.yml or pass --env NAME.",
        source: "spec §6.1",
    }
    NoApplicationName {
        code: "no-application-name",
        severity: Warning,
        summary: "No application name",
        explain: "The namespace is `<env>.<app>.local`; the application name comes from copilot/.workspace (`application: NAME`) or --app.",
        source: "spec §6.1",
    }
    TooManyFiles {
        code: "too-many-files",
        severity: Error,
        summary: "More files than a workspace may hold",
        explain: "The playground and the CLI analyse at most 1000 files at once, far more than any `copilot/` folder has; a larger input is refused whole instead of slowing everything down.",
        source: "issue limits: never hang",
    }
    InvalidWorkspace {
        code: "invalid-workspace",
        severity: Error,
        summary: "The workspace could not be read",
        explain: "The worker received a workspace that is not valid JSON of the expected shape. This is a bug in the caller, not in a manifest.",
        source: "design.md §4",
    }
}
