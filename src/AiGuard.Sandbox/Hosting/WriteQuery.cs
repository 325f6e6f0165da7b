using System.Globalization;
using AiGuard.Sandbox.Handlers;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Hosting;

/// <summary>
/// The query options of a write, validated like kube-apiserver validates Create/Update/Patch/DeleteOptions: a bad
/// fieldManager, dryRun, fieldValidation or propagationPolicy is 422 Invalid naming the parameter
/// (<c>PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: ...</c>).
/// </summary>
internal static class WriteQuery
{
    public const int FieldManagerMaxLength = 128;
    private static readonly string[] FieldValidationValues = ["Ignore", "Strict", "Warn"];
    private static readonly string[] PropagationPolicies = ["Background", "Foreground", "Orphan"];

    /// <summary>Parses and validates the options; <paramref name="optionsKind"/> is CreateOptions, UpdateOptions, PatchOptions or DeleteOptions.</summary>
    public static WriteOptions Parse(HttpContext context, string optionsKind)
    {
        var query = context.Request.Query;
        var causes = new List<StatusCause>();
        var manager = query["fieldManager"].ToString();
        CheckFieldManager(manager, causes);
        foreach (var dryRun in query["dryRun"])
        {
            if (dryRun != "All")
            {
                causes.Add(OptionsError.NotSupported("dryRun", dryRun ?? "", ["All"]));
            }
        }

        var fieldValidation = query["fieldValidation"].ToString();
        if (fieldValidation.Length > 0 && !FieldValidationValues.Contains(fieldValidation, StringComparer.Ordinal))
        {
            causes.Add(OptionsError.NotSupported("fieldValidation", fieldValidation, FieldValidationValues));
        }

        var policy = query["propagationPolicy"].ToString();
        if (policy.Length > 0)
        {
            CheckPropagationPolicy(policy, causes);
        }

        OptionsError.ThrowIfAny(optionsKind, causes);
        var isApply = HttpIo.MediaType(context.Request.ContentType) == WriteEndpoints.ApplyPatchYaml;
        return new WriteOptions(
            manager.Length > 0 ? manager : isApply ? "" : WriteOptions.ManagerFromUserAgent(context.Request.Headers.UserAgent),
            DryRun: query["dryRun"].Count > 0,
            Force: query["force"] == "true",
            FieldValidation: fieldValidation)
        {
            Admission = Auth.RequestIdentity.AdmissionOf(context),
        };
    }

    /// <summary>A propagationPolicy from a DeleteOptions body is held to the same values as the query's.</summary>
    public static void CheckDeletePolicy(string? policy)
    {
        if (policy is null)
        {
            return;
        }

        var causes = new List<StatusCause>();
        CheckPropagationPolicy(policy, causes);
        OptionsError.ThrowIfAny("DeleteOptions", causes);
    }

    private static void CheckFieldManager(string manager, List<StatusCause> causes)
    {
        if (manager.Length > FieldManagerMaxLength)
        {
            causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {FieldManagerMaxLength} bytes", "fieldManager"));
        }

        for (var i = 0; i < manager.Length; i++)
        {
            if (char.IsControl(manager[i]))
            {
                causes.Add(new StatusCause("FieldValueInvalid",
                    string.Create(CultureInfo.InvariantCulture, $"Invalid value: \"{OptionsError.Printable(manager)}\": invalid character U+{(int)manager[i]:X4} (at position {i})"), "fieldManager"));
                break;
            }
        }
    }

    private static void CheckPropagationPolicy(string policy, List<StatusCause> causes)
    {
        if (!PropagationPolicies.Contains(policy, StringComparer.Ordinal))
        {
            causes.Add(OptionsError.NotSupported("propagationPolicy", policy, PropagationPolicies));
        }
    }
}
