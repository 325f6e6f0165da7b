using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Sealing;
using AiGuard.Operator.Sealing;
using AiGuard.Sealing;

namespace AiGuard.Cli.Commands;

/// <summary>
/// SealCommand is <c>aiguard seal</c>: it seals values with the cluster's public certificate for one
/// <c>spec.secrets[]</c> entry of one ModelDeployment (or a whole namespace) and prints the entry, merges it into
/// a manifest, or prints one raw sealed value. Values never appear in any output or message. Exit 0: sealed;
/// 1: the certificate could not be fetched; 2: usage or input error (including an expired certificate).
/// </summary>
public static partial class SealCommand
{
    private const string Usage =
        "usage: aiguard seal --namespace NS --model NAME --secret NAME (--from-literal KEY=VALUE | --from-file KEY=PATH)... " +
        "[--scope strict|namespace] (--cert PATH|URL | --fetch-cert [--kubeconfig PATH] [--operator-namespace NS]) [--key-id ID|sha256:FINGERPRINT] " +
        "[--merge-into FILE | --raw] [--expose File|Env] [--mount-path PATH]";

    /// <summary>The command, using the system clock for the certificate's validity.</summary>
    public static Command Create() => Create(TimeProvider.System);

    /// <summary>The command with a clock for the certificate's validity (tests).</summary>
    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var options = new SealOptions();
        var command = new Command("seal", "Seal values for spec.secrets with the cluster's public certificate; the output is safe to commit.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        // Options are parsed leniently and checked here, so every usage error exits 2 and no message repeats a token
        // that might be a value.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var request = options.ToRequest(parse);
                return await SealRun.ExecuteAsync(request, parse.InvocationConfiguration.Output, error, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (SealException e)
            {
                await error.WriteLineAsync($"aiguard seal: {e.Message}").ConfigureAwait(false);
                if (e.Data.Contains(UsageMarker))
                {
                    await error.WriteLineAsync(Usage).ConfigureAwait(false);
                }

                return e.ExitCode;
            }
        });
        return command;
    }

    private const string UsageMarker = "usage";

    private static SealException UsageError(string message)
    {
        var e = SealException.Input(message);
        e.Data[UsageMarker] = true;
        return e;
    }

    // Kubernetes Secret data keys (validation.IsConfigMapKey).
    [GeneratedRegex("^[-._a-zA-Z0-9]{1,253}\\z")]
    private static partial Regex DataKey();

    [GeneratedRegex("^(k-[0-9a-f]{8}|sha256:[0-9a-f]{64})\\z")]
    private static partial Regex KeyPin();

    [GeneratedRegex("^--?[a-z][a-z-]*\\z")]
    private static partial Regex OptionLike();

    private sealed class SealOptions
    {
        private readonly Option<string?> _namespace = Text("--namespace", "NS", "Namespace of the ModelDeployment.", "-n");
        private readonly Option<string?> _model = Text("--model", "NAME", "Name of the ModelDeployment (needed for strict scope and --merge-into).");
        private readonly Option<string?> _secret = Text("--secret", "NAME", "Name of the spec.secrets entry.");
        private readonly Option<string[]> _literal = Many("--from-literal", "KEY=VALUE", "KEY=VALUE to seal (repeatable). Prefer --from-file: arguments are visible to other users of this machine.");
        private readonly Option<string[]> _file = Many("--from-file", "KEY=PATH", "KEY=PATH: seal the file's bytes as-is under KEY (repeatable); PATH alone uses the file name as KEY.");
        private readonly Option<string?> _scope = Text("--scope", "strict|namespace", "strict (default): only this namespace, ModelDeployment and secret name; namespace: any ModelDeployment in the namespace.");
        private readonly Option<string?> _cert = Text("--cert", "PATH|URL", "Sealing certificate: a PEM file, or the operator's URL (http(s)://.../v1/cert.pem).");
        private readonly Option<bool> _fetchCert = new("--fetch-cert") { Description = "Read the certificate from the ConfigMap aiguard-sealing-cert in the operator's namespace." };
        private readonly Option<string?> _kubeconfig = Text("--kubeconfig", "PATH", "Kubeconfig for --fetch-cert (default: KUBECONFIG, ~/.kube/config, or in-cluster).");
        private readonly Option<string?> _operatorNamespace = Text("--operator-namespace", "NS", "The operator's namespace for --fetch-cert (default aiguard-system).");
        private readonly Option<string?> _mergeInto = Text("--merge-into", "FILE", "Add or update the entry in the ModelDeployment of this manifest file, in place.");
        private readonly Option<bool> _raw = new("--raw") { Description = "Print only the sealed text of the single value." };
        private readonly Option<string?> _expose = Text("--expose", "File|Env", "File (default) or Env (a finding, AIG-SEC-02).");
        private readonly Option<string?> _keyId = Text("--key-id", "ID|sha256:FINGERPRINT",
            "Pin the sealing key: fail unless the certificate's key id (k-3f2a9c1e) or, stronger, its full fingerprint (sha256:...) is this. "
            + "The operator logs both and publishes them in the ConfigMap aiguard-sealing-cert (keyId, fingerprint) and in headers of /v1/cert.pem.");
        private readonly Option<string?> _mountPath = Text("--mount-path", "PATH", "Directory the files are mounted at (default /var/run/secrets/aiguard/<secret>).");

        public IEnumerable<Option> All =>
            [_namespace, _model, _secret, _literal, _file, _scope, _cert, _fetchCert, _kubeconfig, _operatorNamespace, _keyId, _mergeInto, _raw, _expose, _mountPath];

        public SealRequest ToRequest(ParseResult parse)
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                var token = parse.UnmatchedTokens[0];
                // An unexpected word may be a value that lost its option; only option-like tokens are repeated.
                throw UsageError(OptionLike().IsMatch(token)
                    ? $"unknown option {token}"
                    : "unexpected argument (not shown: it may be a value; pass values with --from-literal KEY=VALUE or --from-file KEY=PATH)");
            }

            foreach (var option in All.Where(o => o is not Option<bool>))
            {
                if (parse.GetResult(option) is { } result && result.Tokens.Count < result.IdentifierTokenCount)
                {
                    throw UsageError($"{option.Name} needs a value");
                }
            }

            var ns = Required(parse, _namespace);
            var namespaceWide = (parse.GetValue(_scope) ?? "strict") switch
            {
                "strict" => false,
                "namespace" => true,
                var other => throw UsageError($"--scope must be strict or namespace; got '{other}'"),
            };
            var raw = parse.GetValue(_raw);
            var mergeInto = parse.GetValue(_mergeInto);
            var model = parse.GetValue(_model);
            var secret = parse.GetValue(_secret);
            if (raw && mergeInto is not null)
            {
                throw UsageError("--raw and --merge-into exclude each other");
            }

            if (secret is null && !(raw && namespaceWide))
            {
                throw UsageError("--secret is required: the name of the spec.secrets entry");
            }

            if (model is null && (!namespaceWide || mergeInto is not null))
            {
                throw UsageError(mergeInto is null ? "--model is required for --scope strict (or use --scope namespace)" : "--model is required with --merge-into");
            }

            CheckName("--namespace", ns);
            if (model is not null)
            {
                CheckName("--model", model);
            }

            if (secret is not null)
            {
                CheckName("--secret", secret);
                if (secret.Length > 40)
                {
                    throw UsageError($"--secret '{secret}' is longer than 40 characters (the limit of spec.secrets[].name)");
                }
            }

            var expose = parse.GetValue(_expose);
            var mountPath = parse.GetValue(_mountPath);
            if (raw && (expose is not null || mountPath is not null))
            {
                throw UsageError("--expose and --mount-path describe an entry; --raw prints a bare value");
            }

            if (expose is not null && expose is not (SecretExposure.File or SecretExposure.Env))
            {
                throw UsageError($"--expose must be {SecretExposure.File} or {SecretExposure.Env}; got '{expose}'");
            }

            if (mountPath is not null && !mountPath.StartsWith('/'))
            {
                throw UsageError($"--mount-path must be an absolute path; got '{mountPath}'");
            }

            var values = Values(parse);
            if (raw && values.Count != 1)
            {
                throw UsageError($"--raw seals exactly one value; got {values.Count}");
            }

            return new SealRequest(ns, model, secret, namespaceWide, values, Certificate(parse), mergeInto, raw, expose, mountPath, KeyId(parse));
        }

        private List<SealValueSource> Values(ParseResult parse)
        {
            var values = new List<SealValueSource>();
            var literals = parse.GetValue(_literal) ?? [];
            for (var i = 0; i < literals.Length; i++)
            {
                var separator = literals[i].IndexOf('=', StringComparison.Ordinal);
                if (separator <= 0)
                {
                    // The whole argument may be the value itself: say which one, never what it is.
                    throw UsageError($"--from-literal #{i + 1} must be KEY=VALUE (the argument is not shown)");
                }

                values.Add(new SealValueSource(Key("--from-literal", literals[i][..separator]), literals[i][(separator + 1)..], null));
            }

            foreach (var argument in parse.GetValue(_file) ?? [])
            {
                var separator = argument.IndexOf('=', StringComparison.Ordinal);
                var (key, path) = separator < 0 ? (Path.GetFileName(argument), argument) : (argument[..separator], argument[(separator + 1)..]);
                if (path.Length == 0)
                {
                    throw UsageError($"--from-file {argument}: the path is empty");
                }

                values.Add(new SealValueSource(Key("--from-file", key), null, path));
            }

            if (values.Count == 0)
            {
                throw UsageError("give at least one value with --from-literal KEY=VALUE or --from-file KEY=PATH");
            }

            var duplicate = values.GroupBy(v => v.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw UsageError($"key {duplicate.Key} is given {duplicate.Count()} times; each key of a secret takes one value");
            }

            return values;
        }

        private CertificateSource Certificate(ParseResult parse)
        {
            var cert = parse.GetValue(_cert);
            var fetch = parse.GetValue(_fetchCert);
            var kubeconfig = parse.GetValue(_kubeconfig);
            var operatorNamespace = parse.GetValue(_operatorNamespace);
            if ((cert is null) == !fetch)
            {
                throw UsageError("give the certificate with exactly one of --cert PATH|URL or --fetch-cert");
            }

            if (cert is not null && (kubeconfig is not null || operatorNamespace is not null))
            {
                throw UsageError("--kubeconfig and --operator-namespace go with --fetch-cert, not --cert");
            }

            return new CertificateSource(cert, kubeconfig, operatorNamespace ?? SealingOptions.DefaultOperatorNamespace);
        }

        private string? KeyId(ParseResult parse)
        {
            var pin = parse.GetValue(_keyId)?.Trim().ToLowerInvariant();
            return pin is null || KeyPin().IsMatch(pin)
                ? pin
                : throw UsageError($"--key-id must be a key id such as k-3f2a9c1e or a fingerprint sha256:<64 hex digits>; got '{pin}'");
        }

        private static string Key(string option, string key) =>
            DataKey().IsMatch(key) && key is not ("." or "..")
                ? key
                : throw UsageError($"{option}: key '{key}' is not a valid Secret data key (1-253 letters, digits, '-', '_' or '.')");

        private static void CheckName(string option, string name)
        {
            try
            {
                SealingScope.NamespaceWide(name);
            }
            catch (SealingException)
            {
                throw UsageError($"{option} '{name}' is not a DNS label: use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit");
            }
        }

        private static string Required(ParseResult parse, Option<string?> option) =>
            parse.GetValue(option) ?? throw UsageError($"{option.Name} is required");

        private static Option<string?> Text(string name, string helpName, string description, params string[] aliases) =>
            new(name, aliases) { HelpName = helpName, Description = description, Arity = ArgumentArity.ZeroOrOne };

        private static Option<string[]> Many(string name, string helpName, string description) =>
            new(name) { HelpName = helpName, Description = description, Arity = ArgumentArity.ZeroOrMore };
    }
}
