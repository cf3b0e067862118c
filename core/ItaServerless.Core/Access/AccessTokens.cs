// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text;

namespace ItaServerless.Core.Access;

/// <summary>A token as handed to its holder once: "ita.{tokenId}.{secret}".</summary>
public sealed record IssuedToken(string Token, AccessGrant Grant);

/// <summary>
/// Issues and checks organization tokens. The token id finds the grant with one point read;
/// the secret is compared by hash in constant time.
/// </summary>
public static class AccessTokens
{
    private const string Prefix = "ita";

    public static IssuedToken Issue(
        string organizationId, AccessRole role, string? unitId, string name, DateTimeOffset now,
        DateTimeOffset? expiresAt = null)
    {
        var tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var grant = new AccessGrant(tokenId, organizationId, role, unitId, name, Hash(secret), now, expiresAt);
        return new IssuedToken($"{Prefix}.{tokenId}.{secret}", grant);
    }

    /// <summary>Splits a presented token; false for anything not shaped like one of ours.</summary>
    public static bool TryParse(string? token, out string tokenId, out string secret)
    {
        tokenId = secret = "";
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || parts[0] != Prefix) return false;
        if (parts[1].Length != 16 || !parts[1].All(char.IsAsciiHexDigitLower)) return false;
        if (parts[2].Length is < 40 or > 64 || !parts[2].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        (tokenId, secret) = (parts[1], parts[2]);
        return true;
    }

    /// <summary>True when <paramref name="secret"/> belongs to <paramref name="grant"/> and it is active.</summary>
    public static bool Verify(AccessGrant grant, string secret, DateTimeOffset now) =>
        grant.IsActiveAt(now) &&
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(grant.SecretSha256));

    /// <summary>Constant-time comparison of a presented key with the configured one.</summary>
    public static bool KeyEquals(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
