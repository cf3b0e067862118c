// SPDX-License-Identifier: MIT
using ItaServerless.Core.Organizations;

namespace ItaServerless.Core.Reminders;

/// <summary>
/// An official who can be copied on overdue reminders: the role from the organization's
/// officials and an e-mail address (officials without one are simply not given).
/// </summary>
public sealed record OfficialContact(OfficialRole Role, Contact Contact)
{
    public Contact Contact { get; } = Contact ?? throw new ArgumentNullException(nameof(Contact));
}
