// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;

namespace ItaServerless.Notifications;

/// <summary>Settings shared by every message: where the app is reachable (configuration "Notifications:PublicBaseUrl").</summary>
public sealed class NotificationOptions
{
    /// <summary>The app's public address, e.g. https://ita.example.go.th (a trailing '/' is ignored).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071");

    /// <summary>The page where a unit reports a round: {base}/api/app/#/progress/{fy}/{round}.</summary>
    public string ProgressLink(FiscalYearRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return PublicBaseUrl.AbsoluteUri.TrimEnd('/') + $"/api/app/#/progress/{round.Year}/{round.Round.Code}";
    }
}
