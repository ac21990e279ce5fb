//! The rule registry: every diagnostic code with its title, explanation, a failing and a passing
//! example and where the behaviour is specified. `copilot-manifest explain`, the web app and the
//! tests read this one table.

use crate::diagnostic::Severity;

/// An example input: one service manifest (analysed as `copilot/svc/manifest.yml` of app
/// `kudos`, environment `test`), or a whole workspace, analysed exactly as given.
#[derive(Clone, Copy, Debug)]
pub enum Example {
    Manifest(&'static str),
    Files(&'static [(&'static str, &'static str)]),
}

#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub explanation: &'static str,
    /// Where the behaviour is specified (`shared/spec/copilot-networking.md` sections).
    pub reference: &'static str,
}

/// A rule's failing and passing example. Kept apart from [`RULES`] so that a consumer that only
/// shows titles and explanations (the web worker) does not link every example's text.
#[derive(Clone, Copy, Debug)]
pub struct Examples {
    pub code: &'static str,
    pub failing: Example,
    pub passing: Example,
}

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

pub fn examples(code: &str) -> Option<&'static Examples> {
    EXAMPLES.iter().find(|e| e.code == code)
}

const WORKSPACE: (&str, &str) = ("copilot/.workspace", "application: kudos\n");
const TEST_ENV: (&str, &str) = (
    "copilot/environments/test/manifest.yml",
    "name: test\ntype: Environment\n",
);
/// Six levels of ten aliases: a million nodes once expanded.
const LAUGHS: &str = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nname: svc\ntype: Backend Service\n";
const OK_BACKEND: &str =
    "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n";
const OK_LBWS: &str = "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n";

pub static RULES: &[Rule] = &[
    Rule {
        code: "yaml-syntax",
        severity: Severity::Error,
        title: "YAML syntax error",
        explanation: "The file is not valid YAML. Copilot reads the whole file with a YAML parser before anything else, so nothing in it is used until the syntax is fixed.",
        reference: "spec §0 step 2",
    },
    Rule {
        code: "yaml-excessive-aliasing",
        severity: Severity::Error,
        title: "Aliases that expand without bound",
        explanation: "A document whose anchors and aliases multiply into more than 100,000 nodes (a \"billion laughs\" document) is refused before analysis; yaml.v3 refuses excessive aliasing too.",
        reference: "issue limits: never hang",
    },
    Rule {
        code: "wrong-type",
        severity: Severity::Error,
        title: "A value of the wrong type",
        explanation: "Copilot decodes manifests into typed fields with yaml.v3: ports and counts must be unquoted numbers, booleans may be true/false or the YAML 1.1 words yes/no/on/off, durations are strings like 30s. A quoted number is a string and is refused.",
        reference: "spec §2.4, §2.6",
    },
    Rule {
        code: "invalid-union",
        severity: Severity::Error,
        title: "A field that takes one of two forms has neither",
        explanation: "Fields such as network.connect accept either a scalar form (true/false) or a map form ({alias: name}). Copilot tries the map form, then the scalar form, and fails with a fixed message that has no line number.",
        reference: "spec §2.5",
    },
    Rule {
        code: "duplicate-key",
        severity: Severity::Error,
        title: "A key written twice in one mapping",
        explanation: "yaml.v3 refuses a mapping that defines the same key twice when it decodes it into a struct.",
        reference: "spec §2.3",
    },
    Rule {
        code: "invalid-type",
        severity: Severity::Error,
        title: "Unknown or missing workload type",
        explanation: "`type` must be exactly one of the six workload types, matched case-sensitively: Load Balanced Web Service, Backend Service, Worker Service, Scheduled Job, Request-Driven Web Service, Static Site.",
        reference: "spec §0 step 3b, §1.1",
    },
    Rule {
        code: "manifest-not-a-map",
        severity: Severity::Error,
        title: "The manifest is not a mapping",
        explanation: "A workload manifest is a YAML mapping with at least `name` and `type`.",
        reference: "spec §0 step 3",
    },
    Rule {
        code: "unknown-key",
        severity: Severity::Warning,
        title: "A key Copilot does not know here",
        explanation: "Copilot silently ignores keys it does not know, at any depth, so a misspelt key has no effect at all. The nearest known key is suggested.",
        reference: "spec §2.1; manifest-fields.md",
    },
    Rule {
        code: "interpolation",
        severity: Severity::Error,
        title: "A ${VAR} that cannot be substituted",
        explanation: "Copilot substitutes ${VAR} in string values before decoding. It predefines only COPILOT_APPLICATION_NAME and COPILOT_ENVIRONMENT_NAME; every other variable must come from the shell. COPILOT_SERVICE_NAME is a container variable, not a manifest one.",
        reference: "spec §3.4",
    },
    Rule {
        code: "null-override-block",
        severity: Severity::Warning,
        title: "An empty environment override block that crashes Copilot",
        explanation: "For Request-Driven Web Services and Scheduled Jobs, Copilot dereferences `environments.<env>` without checking it, so an empty block makes Copilot crash while deploying to that environment.",
        reference: "spec §3.3, §10 row 23",
    },
    Rule {
        code: "image-build-or-location",
        severity: Severity::Error,
        title: "`image` needs `build` or `location`",
        explanation: "A Load Balanced Web Service's image is built from a Dockerfile (`build`) or pulled from a registry (`location`); one of them is required.",
        reference: "spec §4.3 item 4",
    },
    Rule {
        code: "image-port-required",
        severity: Severity::Error,
        title: "`image.port` is required",
        explanation: "Load Balanced Web Services and Request-Driven Web Services must say which port their container listens on.",
        reference: "spec §4.3 item 4, §4.7",
    },
    Rule {
        code: "http-required",
        severity: Severity::Error,
        title: "`http` is required for a Load Balanced Web Service",
        explanation: "A Load Balanced Web Service must have `http`, even when it only uses a Network Load Balancer (then write `http: false`).",
        reference: "spec §4.3 item 5",
    },
    Rule {
        code: "http-path-required",
        severity: Severity::Error,
        title: "`http.path` is required",
        explanation: "The load balancer's main rule needs a path to route; an `http` map that sets other keys still needs `path`.",
        reference: "spec §4.3 item 6",
    },
    Rule {
        code: "connect-alias-without-port",
        severity: Severity::Error,
        title: "A Service Connect alias on a service that exposes no port",
        explanation: "An alias publishes the service under a name, which needs a port to answer on. Copilot refuses it for a Backend Service without `image.port` or `http.target_container`, and for every Worker Service. `network.connect: true` without a port is fine: the service is then a client only.",
        reference: "spec §4.4 item 7, §4.5, §10 rows 3-5",
    },
    Rule {
        code: "connect-unsupported",
        severity: Severity::Warning,
        title: "`network.connect` on a Request-Driven Web Service",
        explanation: "App Runner services cannot join Service Connect; Copilot ignores the key without a word. Other services reach an RDWS through its App Runner URL; an RDWS reaches private services through a VPC connector (`network.vpc.placement: private`).",
        reference: "spec §1.1, §10 row 21",
    },
    Rule {
        code: "connect-ignored",
        severity: Severity::Warning,
        title: "`network.connect` on a Scheduled Job",
        explanation: "Copilot accepts `network.connect` in a job manifest but never configures Service Connect for jobs: they run as tasks, not services.",
        reference: "spec §1.1",
    },
    Rule {
        code: "http-or-nlb-required",
        severity: Severity::Error,
        title: "`http: false` without `nlb`",
        explanation: "A Load Balanced Web Service needs a load balancer: with the Application Load Balancer turned off (`http: false`) it must have a Network Load Balancer (`nlb`).",
        reference: "spec §4.3 item 1",
    },
    Rule {
        code: "placement-invalid",
        severity: Severity::Error,
        title: "A placement Copilot does not accept",
        explanation: "`network.vpc.placement` is `public` or `private` (exactly, lower case) or a map with `subnets`. A Request-Driven Web Service's VPC connector can only be `private`.",
        reference: "spec §4.3 item 10, §4.7, §10 rows 20 and 22",
    },
    Rule {
        code: "connect-windows",
        severity: Severity::Error,
        title: "Service Connect on Windows",
        explanation: "Since v1.33.2 Copilot refuses `network.connect` for Load Balanced Web Services and Backend Services on a Windows platform.",
        reference: "spec §4.3 item 13, §10 row 7",
    },
    Rule {
        code: "port-invalid",
        severity: Severity::Error,
        title: "A port mapping Copilot cannot parse",
        explanation: "Sidecar ports are `PORT` or `PORT/PROTOCOL` with TCP or UDP; NLB listener ports also accept TLS.",
        reference: "spec §4.3 items 9 and 15",
    },
    Rule {
        code: "nlb-port-required",
        severity: Severity::Error,
        title: "`nlb` without a port",
        explanation: "A Network Load Balancer listener needs `port`.",
        reference: "spec §4.3 item 15",
    },
    Rule {
        code: "target-container-invalid",
        severity: Severity::Error,
        title: "A load balancer target container that cannot receive traffic",
        explanation: "`target_container` must be the main container (which then needs `image.port`) or a sidecar that has `port`.",
        reference: "spec §4.3 item 18",
    },
    Rule {
        code: "port-exposed-twice",
        severity: Severity::Error,
        title: "One port exposed by two containers, or with two protocols",
        explanation: "All containers of a task share one network namespace, so each port belongs to one container and one protocol.",
        reference: "spec §4.3 item 20, §5.1, §10 row 25",
    },
    Rule {
        code: "health-check-udp",
        severity: Severity::Error,
        title: "A load balancer health check on a UDP port",
        explanation: "Load balancer health checks use TCP. The port each ALB rule or NLB listener checks (its `healthcheck.port`, else its target port) must not be exposed over UDP.",
        reference: "spec §4.3 item 22, §10 rows 18 and 18b",
    },
    Rule {
        code: "grace-period-misplaced",
        severity: Severity::Error,
        title: "A health check grace period in the wrong place",
        explanation: "`grace_period` belongs to the main rule's health check only, and to one load balancer: not to `http.additional_rules[i]`, `nlb.additional_listeners[i]`, or both `http` and `nlb`.",
        reference: "spec §4.3 item 2",
    },
    Rule {
        code: "http-source-ip-invalid",
        severity: Severity::Error,
        title: "An allowed source IP that is not a CIDR block",
        explanation: "Each `allowed_source_ips` entry must parse as a CIDR block (an address and a prefix length).",
        reference: "spec §4.3 item 6",
    },
    Rule {
        code: "http-version-invalid",
        severity: Severity::Error,
        title: "An unknown protocol version",
        explanation: "`http.version` is `grpc`, `http1` or `http2` (any case).",
        reference: "spec §4.3 item 6",
    },
    Rule {
        code: "http-hosted-zone-without-alias",
        severity: Severity::Error,
        title: "`hosted_zone` without `alias`",
        explanation: "A hosted zone is where Copilot creates records for the rule's aliases: it needs `alias`.",
        reference: "spec §4.3 item 6",
    },
    Rule {
        code: "http-too-many-conditions",
        severity: Severity::Error,
        title: "A listener rule with too many conditions",
        explanation: "An ALB listener rule takes at most five condition values and Copilot adds one of its own, so aliases plus allowed source IPs must number four or fewer.",
        reference: "spec §4.3 item 6",
    },
    Rule {
        code: "http-target-container-twice",
        severity: Severity::Error,
        title: "`target_container` and `targetContainer` together",
        explanation: "`targetContainer` is the deprecated spelling of `target_container`; a rule may set only one.",
        reference: "spec §4.3 item 6",
    },
    Rule {
        code: "http-alias-name-required",
        severity: Severity::Error,
        title: "An alias map without `name`",
        explanation: "Aliases written as maps (`{name, hosted_zone}`) need `name`.",
        reference: "spec §4.3 item 6",
    },
    Rule {
        code: "scaling-needs-alb",
        severity: Severity::Error,
        title: "Request-based scaling without an Application Load Balancer",
        explanation: "Scaling on `count.requests` or `count.response_time` reads the ALB's metrics, so the service needs `http`.",
        reference: "spec §4.3 item 3, §4.4 item 4",
    },
    Rule {
        code: "variable-from-cfn-empty",
        severity: Severity::Error,
        title: "`from_cfn` without an export name",
        explanation: "A variable imported from CloudFormation names the exported output it reads.",
        reference: "spec §4.3 item 7",
    },
    Rule {
        code: "env-file-extension",
        severity: Severity::Error,
        title: "An env file without the `.env` extension",
        explanation: "`env_file` (and each sidecar's) must name a file ending in `.env`.",
        reference: "spec §4.3 item 7",
    },
    Rule {
        code: "job-count-autoscaling",
        severity: Severity::Error,
        title: "Autoscaling on a Scheduled Job",
        explanation: "A job runs a fixed number of tasks per run: `count` is a number, not an autoscaling map.",
        reference: "spec §4.6",
    },
    Rule {
        code: "job-schedule-required",
        severity: Severity::Error,
        title: "A Scheduled Job without a schedule",
        explanation: "`on.schedule` says when the job runs: a cron expression, a rate or `@daily`-style shorthand.",
        reference: "spec §4.6",
    },
    Rule {
        code: "rdws-platform",
        severity: Severity::Error,
        title: "`platform` on a Request-Driven Web Service",
        explanation: "Because of an always-true condition in Copilot, any `platform` on a Request-Driven Web Service is refused, even linux/amd64.",
        reference: "spec §4.7",
    },
    Rule {
        code: "static-site-certificate",
        severity: Severity::Error,
        title: "A Static Site certificate Copilot refuses",
        explanation: "`http.certificate` needs `http.alias`, and CloudFront takes certificates from us-east-1 only.",
        reference: "spec §4.8",
    },
    Rule {
        code: "static-site-source-required",
        severity: Severity::Error,
        title: "A Static Site file without `source`",
        explanation: "Each entry of `files` uploads a local `source`.",
        reference: "spec §4.8",
    },
    Rule {
        code: "deployment-rolling-invalid",
        severity: Severity::Error,
        title: "An unknown rolling deployment strategy",
        explanation: "`deployment.rolling` is `default` (start new tasks before stopping old ones) or `recreate` (stop first).",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "depends-on-status-invalid",
        severity: Severity::Error,
        title: "An unknown container dependency status",
        explanation: "`depends_on` maps a container to START, COMPLETE, SUCCESS or HEALTHY.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "storage-ephemeral-range",
        severity: Severity::Error,
        title: "Ephemeral storage outside what Fargate offers",
        explanation: "Fargate tasks get 20 to 200 GiB of ephemeral storage.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "count-range-invalid",
        severity: Severity::Error,
        title: "An autoscaling range that is not MIN-MAX",
        explanation: "`count.range` is written `MIN-MAX`, for example `1-10`, or as a map with `min` and `max`.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "count-percentage-range",
        severity: Severity::Error,
        title: "A scaling percentage outside 0-100",
        explanation: "`cpu_percentage` and `memory_percentage` are target utilisations from 0 to 100.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "taskdef-override-refused",
        severity: Severity::Error,
        title: "A task definition field Copilot owns",
        explanation: "`taskdef_overrides` cannot change the task family or a container's name: Copilot relies on them.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "nlb-hosted-zone",
        severity: Severity::Error,
        title: "A hosted zone on a Network Load Balancer alias",
        explanation: "Network Load Balancer aliases are created in the application's hosted zone; `hosted_zone` is for the Application Load Balancer only.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "tracing-vendor-invalid",
        severity: Severity::Error,
        title: "An unknown tracing vendor",
        explanation: "`observability.tracing` is `awsxray`.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "platform-invalid",
        severity: Severity::Error,
        title: "A platform Copilot does not build for",
        explanation: "`platform` is one of linux/amd64, linux/x86_64, linux/arm, linux/arm64, windows/amd64 or windows/x86_64 (or a map with `osfamily` and `architecture`).",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "arm-spot",
        severity: Severity::Error,
        title: "Fargate Spot on ARM",
        explanation: "Fargate Spot has no ARM capacity, so `count.spot` and `count.range.spot_from` are refused on linux/arm and linux/arm64.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "windows-efs",
        severity: Severity::Error,
        title: "EFS on Windows",
        explanation: "Windows tasks cannot mount EFS volumes.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "publish-topic-invalid",
        severity: Severity::Error,
        title: "A topic without a valid name",
        explanation: "Each `publish.topics` entry names an SNS topic: letters, digits, `_` and `-`.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "depends-on-unknown",
        severity: Severity::Error,
        title: "A dependency on a container that does not exist",
        explanation: "`depends_on` names the main container (the service's name) or one of its sidecars.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "depends-on-essential",
        severity: Severity::Error,
        title: "Waiting for an essential container to finish",
        explanation: "An essential container runs for the task's lifetime, so others may only wait for it to START or be HEALTHY.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "depends-on-cycle",
        severity: Severity::Error,
        title: "Containers that wait for each other",
        explanation: "Container dependencies must not form a cycle: the task would never start.",
        reference: "Copilot's validate.go (the spec is silent)",
    },
    Rule {
        code: "count-field-invalid",
        severity: Severity::Error,
        title: "A scaling field this workload type cannot use",
        explanation: "Load balanced and backend services scale on CPU, memory, requests or response time; workers on CPU, memory or queue delay.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "count-spot-with-autoscaling",
        severity: Severity::Error,
        title: "`spot` together with autoscaling",
        explanation: "`count.spot` runs a fixed number of Spot tasks; with autoscaling use `range.spot_from` instead.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "count-range-required",
        severity: Severity::Error,
        title: "Autoscaling without a range",
        explanation: "A scaling field needs `count.range`: the least and most tasks.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "count-scaling-field-required",
        severity: Severity::Error,
        title: "A range or cooldown without a field to scale on",
        explanation: "`count.range` and `count.cooldown` only make sense with a scaling field.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "count-queue-delay-invalid",
        severity: Severity::Error,
        title: "Queue-delay scaling without its two durations",
        explanation: "`queue_delay` needs `acceptable_latency` and `msg_processing_time`, neither 0.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "mount-path-invalid",
        severity: Severity::Error,
        title: "A mount point path Copilot refuses",
        explanation: "A volume's or mount point's `path` is required and may hold only letters, digits and `-._/` (Copilot passes it to a shell).",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "efs-config-invalid",
        severity: Severity::Error,
        title: "EFS settings that do not fit together",
        explanation: "An EFS volume is either managed by Copilot (`uid` and `gid`, uid not 0) or your own file system (`id`, `root_dir`, `auth`), not both.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "efs-managed-twice",
        severity: Severity::Error,
        title: "Two Copilot-managed EFS volumes",
        explanation: "Copilot creates at most one managed file system per service.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "mount-source-required",
        severity: Severity::Error,
        title: "A sidecar mount point without its volume",
        explanation: "Each of a sidecar's `mount_points` names the `source_volume` it mounts.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "subscription-invalid",
        severity: Severity::Error,
        title: "A subscription without a valid topic or service",
        explanation: "Each of a Worker's `subscribe.topics` names a topic (letters, digits, `_`, `-`) and the service that publishes it.",
        reference: "Copilot's validate.go and errors.go (the spec is silent)",
    },
    Rule {
        code: "sidecar-image-required",
        severity: Severity::Error,
        title: "A sidecar without an image",
        explanation: "Every sidecar runs a container image: `image` is required (a URI, or a map with `build`).",
        reference: "spec §4.3 item 9 (its text follows the message templates of §4.1)",
    },
    Rule {
        code: "name-required",
        severity: Severity::Error,
        title: "`name` is required",
        explanation: "The manifest's `name` becomes the stack's WorkloadName: the default Service Connect alias, the Service Discovery name and COPILOT_SERVICE_NAME.",
        reference: "spec §3.1, §4.3 item 17",
    },
    Rule {
        code: "connect-alias-invalid",
        severity: Severity::Warning,
        title: "A Service Connect alias ECS will reject",
        explanation: "ECS accepts a client alias of at most 127 characters made of lowercase letters, digits, `_`, `-` and `.`, not starting with `-`. Copilot does not check it, so the deployment fails in ECS.",
        reference: "spec §3.2, §4.9",
    },
    Rule {
        code: "connect-alias-collision",
        severity: Severity::Warning,
        title: "Two services publish the same Service Connect alias",
        explanation: "An alias must be unique in the environment's namespace. Copilot does not check it; ECS refuses the second service at deploy time.",
        reference: "spec §3.2, §4.9",
    },
    Rule {
        code: "connect-off-client",
        severity: Severity::Warning,
        title: "A client without Service Connect",
        explanation: "A service without `network.connect` cannot resolve Service Connect aliases: it reaches other services only through their Service Discovery names (`<svc>.<env>.<app>.local`).",
        reference: "spec §6.5",
    },
    Rule {
        code: "connect-off-server",
        severity: Severity::Warning,
        title: "A server without Service Connect",
        explanation: "Service Connect clients can reach a service that has `network.connect` off only through its Service Discovery name, not by a short alias.",
        reference: "spec §6.5",
    },
    Rule {
        code: "url-needs-port",
        severity: Severity::Info,
        title: "A URL that must carry its port",
        explanation: "Service Connect and Service Discovery answer on the container's target port. Only port 80 may be left out of a URL: `http://api` works only for services on port 80.",
        reference: "spec §6.2, §6.3",
    },
    Rule {
        code: "no-environment",
        severity: Severity::Info,
        title: "No environment to compute endpoints for",
        explanation: "Endpoints depend on the environment's namespace. Add copilot/environments/<env>/manifest.yml or pass --env NAME.",
        reference: "spec §6.1",
    },
    Rule {
        code: "no-application-name",
        severity: Severity::Warning,
        title: "No application name",
        explanation: "The namespace is `<env>.<app>.local`; the application name comes from copilot/.workspace (`application: NAME`) or --app.",
        reference: "spec §6.1",
    },
    Rule {
        code: "too-many-files",
        severity: Severity::Error,
        title: "More files than a workspace may hold",
        explanation: "The playground and the CLI analyse at most 1000 files at once, far more than any `copilot/` folder has; a larger input is refused whole instead of slowing everything down.",
        reference: "issue limits: never hang",
    },
    Rule {
        code: "invalid-workspace",
        severity: Severity::Error,
        title: "The workspace could not be read",
        explanation: "The worker received a workspace that is not valid JSON of the expected shape. This is a bug in the caller, not in a manifest.",
        reference: "design.md §4",
    },
];

pub static EXAMPLES: &[Examples] = &[
    Examples {
        code: "yaml-excessive-aliasing",
        failing: Example::Manifest(LAUGHS),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "sidecar-image-required",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    port: 9000\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    image: envoy\n    port: 9000\n",
        ),
    },
    Examples {
        code: "mount-path-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  volumes:\n    data:\n      path: /data dir\n      efs: true\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  volumes:\n    data:\n      path: /data\n      efs: true\n",
        ),
    },
    Examples {
        code: "efs-config-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  volumes:\n    data:\n      path: /data\n      efs:\n        uid: 1000\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  volumes:\n    data:\n      path: /data\n      efs:\n        uid: 1000\n        gid: 1000\n",
        ),
    },
    Examples {
        code: "efs-managed-twice",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  volumes:\n    a:\n      path: /a\n      efs: true\n    b:\n      path: /b\n      efs: true\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  volumes:\n    a:\n      path: /a\n      efs: true\n",
        ),
    },
    Examples {
        code: "mount-source-required",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    image: envoy\n    mount_points:\n      - path: /data\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    image: envoy\n    mount_points:\n      - source_volume: data\n        path: /data\n",
        ),
    },
    Examples {
        code: "subscription-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\nsubscribe:\n  topics:\n    - name: orders\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\nsubscribe:\n  topics:\n    - name: orders\n      service: api\n",
        ),
    },
    Examples {
        code: "count-field-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\ncount:\n  range: 1-4\n  requests: 100\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\ncount:\n  range: 1-4\n  cpu_percentage: 70\n",
        ),
    },
    Examples {
        code: "count-spot-with-autoscaling",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  spot: 2\n  range: 1-4\n  cpu_percentage: 70\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range:\n    min: 1\n    max: 4\n    spot_from: 2\n  cpu_percentage: 70\n",
        ),
    },
    Examples {
        code: "count-range-required",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  cpu_percentage: 70\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-4\n  cpu_percentage: 70\n",
        ),
    },
    Examples {
        code: "count-scaling-field-required",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-4\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-4\n  memory_percentage: 80\n",
        ),
    },
    Examples {
        code: "count-queue-delay-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\ncount:\n  range: 1-4\n  queue_delay:\n    acceptable_latency: 10m\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\ncount:\n  range: 1-4\n  queue_delay:\n    acceptable_latency: 10m\n    msg_processing_time: 250ms\n",
        ),
    },
    Examples {
        code: "yaml-syntax",
        failing: Example::Manifest("name: svc\ntype: [Backend Service\n"),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "wrong-type",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: \"80\"\n",
        ),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "invalid-union",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: \"true\"\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
        ),
    },
    Examples {
        code: "duplicate-key",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  port: 81\n",
        ),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "invalid-type",
        failing: Example::Manifest("name: svc\ntype: backend service\n"),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "manifest-not-a-map",
        failing: Example::Manifest("- name: svc\n"),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "unknown-key",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwrk:\n  connect: true\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
        ),
    },
    Examples {
        code: "interpolation",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: ${COPILOT_SERVICE_NAME}.${COPILOT_ENVIRONMENT_NAME}.${COPILOT_APPLICATION_NAME}.local\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: svc.${COPILOT_ENVIRONMENT_NAME}.${COPILOT_APPLICATION_NAME}.local\n",
        ),
    },
    Examples {
        code: "null-override-block",
        failing: Example::Manifest(
            "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\nenvironments:\n  test:\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\n",
        ),
    },
    Examples {
        code: "image-build-or-location",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  port: 80\nhttp:\n  path: /\n",
        ),
        passing: Example::Manifest(OK_LBWS),
    },
    Examples {
        code: "image-port-required",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\nhttp:\n  path: /\n",
        ),
        passing: Example::Manifest(OK_LBWS),
    },
    Examples {
        code: "http-required",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\n",
        ),
        passing: Example::Manifest(OK_LBWS),
    },
    Examples {
        code: "http-path-required",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  target_port: 80\n",
        ),
        passing: Example::Manifest(OK_LBWS),
    },
    Examples {
        code: "connect-alias-without-port",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect:\n    alias: api\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: api\n",
        ),
    },
    Examples {
        code: "connect-unsupported",
        failing: Example::Manifest(
            "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  vpc:\n    placement: private\n",
        ),
    },
    Examples {
        code: "connect-ignored",
        failing: Example::Manifest(
            "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\nnetwork:\n  connect: true\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\n",
        ),
    },
    Examples {
        code: "http-or-nlb-required",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp: false\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp: false\nnlb:\n  port: 80/tcp\n",
        ),
    },
    Examples {
        code: "placement-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  vpc:\n    placement: Private\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  vpc:\n    placement: private\n",
        ),
    },
    Examples {
        code: "connect-windows",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nplatform: windows/x86_64\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nplatform: windows/x86_64\nimage:\n  build: Dockerfile\n  port: 80\n",
        ),
    },
    Examples {
        code: "port-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    image: envoy\n    port: 9000/http\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    image: envoy\n    port: 9000/tcp\n",
        ),
    },
    Examples {
        code: "nlb-port-required",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nnlb:\n  target_port: 80\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nnlb:\n  port: 8080/tcp\n",
        ),
    },
    Examples {
        code: "target-container-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  target_container: nginx\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  target_container: nginx\nsidecars:\n  nginx:\n    image: nginx\n    port: 8080\n",
        ),
    },
    Examples {
        code: "port-exposed-twice",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nsidecars:\n  proxy:\n    image: envoy\n    port: 80\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nsidecars:\n  proxy:\n    image: envoy\n    port: 9000\n",
        ),
    },
    Examples {
        code: "health-check-udp",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nnlb:\n  port: 80/udp\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp: false\nnlb:\n  port: 80/udp\n  healthcheck:\n    port: 8080\n",
        ),
    },
    Examples {
        code: "grace-period-misplaced",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  additional_rules:\n    - path: admin\n      healthcheck:\n        grace_period: 30s\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  healthcheck:\n    grace_period: 30s\n",
        ),
    },
    Examples {
        code: "http-source-ip-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  allowed_source_ips: [10.0.0.1]\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  allowed_source_ips: [10.0.0.1/32]\n",
        ),
    },
    Examples {
        code: "http-version-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  version: http3\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  version: http2\n",
        ),
    },
    Examples {
        code: "http-hosted-zone-without-alias",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  hosted_zone: Z123\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  alias: example.com\n  hosted_zone: Z123\n",
        ),
    },
    Examples {
        code: "http-too-many-conditions",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  alias: [a.example.com, b.example.com, c.example.com]\n  allowed_source_ips: [10.0.0.0/24, 10.0.1.0/24]\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  alias: [a.example.com, b.example.com]\n  allowed_source_ips: [10.0.0.0/24, 10.0.1.0/24]\n",
        ),
    },
    Examples {
        code: "http-target-container-twice",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  target_container: svc\n  targetContainer: svc\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  target_container: svc\n",
        ),
    },
    Examples {
        code: "http-alias-name-required",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  alias:\n    - hosted_zone: Z123\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  alias:\n    - name: example.com\n      hosted_zone: Z123\n",
        ),
    },
    Examples {
        code: "scaling-needs-alb",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-4\n  requests: 100\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-4\n  cpu_percentage: 70\n",
        ),
    },
    Examples {
        code: "variable-from-cfn-empty",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nvariables:\n  DB: {from_cfn: ''}\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nvariables:\n  DB: {from_cfn: my-stack-DbUrl}\n",
        ),
    },
    Examples {
        code: "env-file-extension",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nenv_file: settings.txt\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nenv_file: settings.env\n",
        ),
    },
    Examples {
        code: "job-count-autoscaling",
        failing: Example::Manifest(
            "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\ncount:\n  range: 1-3\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\ncount: 2\n",
        ),
    },
    Examples {
        code: "job-schedule-required",
        failing: Example::Manifest("name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\n"),
        passing: Example::Manifest(
            "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\n",
        ),
    },
    Examples {
        code: "rdws-platform",
        failing: Example::Manifest(
            "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\nplatform: linux/amd64\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\n",
        ),
    },
    Examples {
        code: "static-site-certificate",
        failing: Example::Manifest(
            "name: svc\ntype: Static Site\nhttp:\n  certificate: arn:aws:acm:eu-west-1:123456789012:certificate/abc\n  alias: example.com\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Static Site\nhttp:\n  certificate: arn:aws:acm:us-east-1:123456789012:certificate/abc\n  alias: example.com\n",
        ),
    },
    Examples {
        code: "static-site-source-required",
        failing: Example::Manifest(
            "name: svc\ntype: Static Site\nfiles:\n  - destination: assets\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Static Site\nfiles:\n  - source: dist\n    destination: assets\n",
        ),
    },
    Examples {
        code: "deployment-rolling-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ndeployment:\n  rolling: blue-green\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ndeployment:\n  rolling: recreate\n",
        ),
    },
    Examples {
        code: "depends-on-status-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    proxy: ready\nsidecars:\n  proxy:\n    image: envoy\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    proxy: start\nsidecars:\n  proxy:\n    image: envoy\n",
        ),
    },
    Examples {
        code: "storage-ephemeral-range",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  ephemeral: 500\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nstorage:\n  ephemeral: 100\n",
        ),
    },
    Examples {
        code: "count-range-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1..10\n  cpu_percentage: 70\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-10\n  cpu_percentage: 70\n",
        ),
    },
    Examples {
        code: "count-percentage-range",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-10\n  cpu_percentage: 170\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-10\n  cpu_percentage: 70\n",
        ),
    },
    Examples {
        code: "taskdef-override-refused",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ntaskdef_overrides:\n  - path: Family\n    value: other\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ntaskdef_overrides:\n  - path: ContainerDefinitions[0].Ulimits[-].Name\n    value: nofile\n",
        ),
    },
    Examples {
        code: "nlb-hosted-zone",
        failing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nnlb:\n  port: 443/tls\n  alias:\n    - name: example.com\n      hosted_zone: Z123\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nnlb:\n  port: 443/tls\n  alias: example.com\n",
        ),
    },
    Examples {
        code: "tracing-vendor-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\nobservability:\n  tracing: jaeger\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\nobservability:\n  tracing: awsxray\n",
        ),
    },
    Examples {
        code: "platform-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nplatform: linux/riscv64\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nplatform: linux/arm64\n",
        ),
    },
    Examples {
        code: "arm-spot",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nplatform: linux/arm64\ncount:\n  spot: 2\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nplatform: linux/arm64\ncount: 2\n",
        ),
    },
    Examples {
        code: "windows-efs",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nplatform: windows/x86_64\nstorage:\n  volumes:\n    data:\n      path: /data\n      efs: true\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nplatform: linux/x86_64\nstorage:\n  volumes:\n    data:\n      path: /data\n      efs: true\n",
        ),
    },
    Examples {
        code: "publish-topic-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\npublish:\n  topics:\n    - name: orders.created\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\npublish:\n  topics:\n    - name: orders-created\n",
        ),
    },
    Examples {
        code: "depends-on-unknown",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    nginx: start\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    proxy: start\nsidecars:\n  proxy:\n    image: envoy\n",
        ),
    },
    Examples {
        code: "depends-on-essential",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    proxy: complete\nsidecars:\n  proxy:\n    image: envoy\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    proxy: complete\nsidecars:\n  proxy:\n    image: envoy\n    essential: false\n",
        ),
    },
    Examples {
        code: "depends-on-cycle",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    proxy: start\nsidecars:\n  proxy:\n    image: envoy\n    depends_on:\n      svc: start\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  depends_on:\n    proxy: start\nsidecars:\n  proxy:\n    image: envoy\n",
        ),
    },
    Examples {
        code: "name-required",
        failing: Example::Manifest(
            "type: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n",
        ),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "connect-alias-invalid",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: My_API\n",
        ),
        passing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: my-api\n",
        ),
    },
    Examples {
        code: "connect-alias-collision",
        failing: Example::Files(&[
            WORKSPACE,
            TEST_ENV,
            (
                "copilot/a/manifest.yml",
                "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: api\n",
            ),
            (
                "copilot/b/manifest.yml",
                "name: b\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: api\n",
            ),
        ]),
        passing: Example::Files(&[
            WORKSPACE,
            TEST_ENV,
            (
                "copilot/a/manifest.yml",
                "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: api\n",
            ),
            (
                "copilot/b/manifest.yml",
                "name: b\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: api-v2\n",
            ),
        ]),
    },
    Examples {
        code: "connect-off-client",
        failing: Example::Files(&[
            WORKSPACE,
            TEST_ENV,
            (
                "copilot/a/manifest.yml",
                "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
            ),
            (
                "copilot/b/manifest.yml",
                "name: b\ntype: Worker Service\nimage:\n  build: Dockerfile\n",
            ),
        ]),
        passing: Example::Files(&[
            WORKSPACE,
            TEST_ENV,
            (
                "copilot/a/manifest.yml",
                "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
            ),
            (
                "copilot/b/manifest.yml",
                "name: b\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n",
            ),
        ]),
    },
    Examples {
        code: "connect-off-server",
        failing: Example::Files(&[
            WORKSPACE,
            TEST_ENV,
            (
                "copilot/a/manifest.yml",
                "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n",
            ),
            (
                "copilot/b/manifest.yml",
                "name: b\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n",
            ),
        ]),
        passing: Example::Files(&[
            WORKSPACE,
            TEST_ENV,
            (
                "copilot/a/manifest.yml",
                "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
            ),
            (
                "copilot/b/manifest.yml",
                "name: b\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n",
            ),
        ]),
    },
    Examples {
        code: "url-needs-port",
        failing: Example::Manifest(
            "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\n",
        ),
        passing: Example::Manifest(OK_BACKEND),
    },
    Examples {
        code: "no-environment",
        failing: Example::Files(&[("copilot/svc/manifest.yml", OK_BACKEND)]),
        passing: Example::Files(&[
            ("copilot/svc/manifest.yml", OK_BACKEND),
            (
                "copilot/environments/test/manifest.yml",
                "name: test\ntype: Environment\n",
            ),
        ]),
    },
    Examples {
        code: "no-application-name",
        failing: Example::Files(&[("copilot/environments/test/manifest.yml", "name: test\n")]),
        passing: Example::Files(&[
            ("copilot/.workspace", "application: kudos\n"),
            ("copilot/environments/test/manifest.yml", "name: test\n"),
        ]),
    },
    Examples {
        code: "too-many-files",
        failing: Example::Files(&[]),
        passing: Example::Files(&[]),
    },
    Examples {
        code: "invalid-workspace",
        failing: Example::Files(&[]),
        passing: Example::Files(&[]),
    },
];
