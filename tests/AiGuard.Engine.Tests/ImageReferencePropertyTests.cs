using AiGuard.Engine.Images;
using CsCheck;

namespace AiGuard.Engine.Tests;

public sealed class ImageReferencePropertyTests
{
    private static readonly Gen<string> Alnum = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 6].Select(c => new string(c));

    private static readonly Gen<string> Separator = Gen.OneOf(".", "_", "__", "-", "--");

    // A path component without '.', so that a first component never reads as a registry by accident.
    private static readonly Gen<string> PlainComponent =
        Gen.Select(Alnum, Gen.OneOf("_", "__", "-", "").SelectMany(sep => Alnum.Select(rest => sep.Length == 0 ? "" : sep + rest)), (a, b) => a + b);

    private static readonly Gen<string> Component =
        Gen.Select(Alnum, Gen.Select(Separator, Alnum, (s, a) => s + a).Array[0, 2], (a, rest) => a + string.Concat(rest));

    private static readonly Gen<string?> Registry = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const((string?)"localhost"),
        Gen.Select(Alnum, Alnum, Gen.OneOf("", ":5000", ":443"), (a, b, port) => (string?)$"{a}.{b}{port}"),
        Gen.Select(Alnum, Gen.Int[1, 65535], (a, port) => (string?)$"{a}:{port}"));

    private static readonly Gen<string?> Tag = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"], Gen.Char["abcXYZ0123456789_.-"].Array[0, 20], (first, rest) => (string?)(first + new string(rest))));

    private static readonly Gen<string?> Digest = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Char["0123456789abcdef"].Array[64].Select(hex => (string?)("sha256:" + new string(hex))));

    private static readonly Gen<(string? Registry, string[] Path, string? Tag, string? Digest)> References =
        Gen.Select(Registry, Gen.Select(PlainComponent, Component.Array[0, 3], (first, rest) => (string[])[first, .. rest]), Tag, Digest);

    [Fact]
    public void Generated_references_round_trip_and_normalize_consistently()
    {
        References.Sample(r =>
        {
            var path = string.Join("/", r.Path);
            var text = (r.Registry is null ? "" : r.Registry + "/") + path + (r.Tag is null ? "" : ":" + r.Tag) + (r.Digest is null ? "" : "@" + r.Digest);

            var image = ImageReference.Parse(text);

            Assert.Equal(text, image.ToString());
            Assert.Equal(r.Tag, image.Tag);
            Assert.Equal(r.Digest, image.Digest);
            var expectedRegistry = r.Registry ?? "docker.io";
            var expectedRepository = r.Registry is null && r.Path.Length == 1 ? "library/" + path : path;
            Assert.Equal(expectedRegistry, image.Registry);
            Assert.Equal(expectedRepository, image.Repository);

            var normalized = ImageReference.Parse(image.Normalized);
            Assert.Equal(image.Normalized, normalized.Normalized);
            Assert.Equal(image.FullRepository, normalized.FullRepository);
            Assert.True(image.IsUnder(image.Registry));
            Assert.True(image.IsUnder(image.FullRepository));
            Assert.False(image.IsUnder(image.FullRepository + "x"));
        });
    }

    [Fact]
    public void Arbitrary_strings_never_throw_anything_but_a_parse_error()
    {
        var noise = Gen.Char["aZ09:/@.-_ sha256%ABCDEF\u00e9"].Array[0, 40].Select(c => new string(c));

        Gen.OneOf(noise, Gen.String).Sample(text =>
        {
            var ok = ImageReference.TryParse(text, out var image, out var error);
            Assert.Equal(ok, image is not null);
            Assert.Equal(ok, error.Length == 0);
            if (ok)
            {
                Assert.Equal(text, image!.ToString());
            }
            else
            {
                Assert.Equal(error, Assert.Throws<ImageReferenceException>(() => ImageReference.Parse(text)).Message);
            }
        });
    }
}
