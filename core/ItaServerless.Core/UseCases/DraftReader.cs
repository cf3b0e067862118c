// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.UseCases;

/// <summary>
/// Reads the input of a change when the use case asks for it: only after the record was found and
/// the caller's right and version were checked, so those answers come first whatever the body
/// holds. Null when the body cannot be read (<see cref="Refusal.Unreadable"/>): the adapter that
/// read it knows why.
/// </summary>
public delegate Task<TDraft?> DraftReader<TDraft>(CancellationToken cancellationToken) where TDraft : class;

public static class DraftReader
{
    /// <summary>A draft already in hand (tests, other callers than the API).</summary>
    public static DraftReader<TDraft> Of<TDraft>(TDraft draft) where TDraft : class => _ => Task.FromResult<TDraft?>(draft);
}
