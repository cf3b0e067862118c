// SPDX-License-Identifier: MIT
using System.Security.Cryptography;

namespace ItaServerless.Functions.Hosting;

/// <summary>What users quote to an administrator after an unexpected failure: the log line with the exception carries it; the user sees no detail.</summary>
public static class ErrorReference
{
    /// <summary>8 hex digits, random: enough to find one log line, says nothing about the server.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
