// SPDX-License-Identifier: MIT
namespace ItaServerless.Functions.Hosting;

/// <summary>
/// Settings of the Functions app: <c>ITA_ADMIN_KEY</c> (the admin key of the API) and
/// <c>Functions:BlobMaxAttempts</c> (the blob trigger's maxDequeueCount, 5 as in the host).
/// </summary>
public sealed class FunctionsAppOptions
{
    /// <summary>Shorter admin keys are refused: a guessable key would open every organization.</summary>
    public const int MinAdminKeyLength = 32;

    /// <summary>The key of the admin routes (header x-functions-key); without it (or shorter than 32 characters) no request is an admin's.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Tries per blob before the runtime gives up on it (the host's default maxDequeueCount).</summary>
    public int BlobMaxAttempts { get; set; } = 5;
}
