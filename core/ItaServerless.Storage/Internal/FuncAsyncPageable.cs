// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure;

namespace ItaServerless.Storage.Internal;

/// <summary>Fetches one page at a time; a continuation token resumes where a page ended.</summary>
internal sealed class FuncAsyncPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        string? token = continuationToken;
        do
        {
            var page = await fetchPage(token, pageSizeHint, CancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
