using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Hosting;

/// <summary>What the Accept header asks objects to be rendered as.</summary>
internal enum ResponseShape
{
    Object,
    Table,
    PartialMetadata,
}

/// <summary>Renders stored objects for a request: the requested version, Table or metadata-only forms.</summary>
internal static class ObjectRendering
{
    public static ResponseShape ShapeOf(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return ResponseShape.Object;
        }

        // The first acceptable entry wins, as in the real server's content negotiation.
        foreach (var entry in accept.Split(','))
        {
            if (entry.Contains("as=Table", StringComparison.Ordinal))
            {
                return ResponseShape.Table;
            }

            if (entry.Contains("as=PartialObjectMetadata", StringComparison.Ordinal))
            {
                return ResponseShape.PartialMetadata;
            }

            var media = HttpIo.MediaType(entry);
            if (media is HttpIo.Json or "*/*" or "application/*" or HttpIo.Protobuf or "application/yaml")
            {
                return ResponseShape.Object;
            }
        }

        return ResponseShape.Object;
    }

    /// <summary>
    /// The object's JSON as served through <paramref name="type"/>: converted when the store keeps another form
    /// (events.k8s.io Events), else as stored with this apiVersion (custom resources: conversion None).
    /// </summary>
    public static byte[] Bytes(ResourceType type, StoredObject stored)
    {
        if (type.Conversion is null && (stored.ApiVersion == type.ApiVersion || stored.ApiVersion.Length == 0))
        {
            return stored.Json;
        }

        return KubeJson.Serialize(Parse(type, stored));
    }

    public static JsonObject Parse(ResourceType type, StoredObject stored) => type.FromStorage(stored.Parse());

    public static JsonObject PartialMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };
}
