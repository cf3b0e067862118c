// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;

namespace ItaServerless.Core.Tests;

public sealed class OrganizationTests
{
    private static readonly OrganizationDraft NaKham = new("na-kham", "เทศบาลตำบลนาคำ", "เทศบาลตำบล",
        "ศรีสงคราม", "นครพนม", "0 4253 2000", "นพ ๕๒๔๐๑", "https://nakham.go.th");

    [Fact]
    public void A_complete_organization_is_created_with_default_due_dates()
    {
        var org = Organization.Create(NaKham).Value;
        Assert.Equal(OrganizationKind.SubdistrictMunicipality, org.Kind);
        Assert.Equal(RoundDueDates.Default, org.DueDates);
        Assert.Equal(new Uri("https://nakham.go.th"), org.Website);
        Assert.Equal(org, Organization.Create(org.ToDraft()).Value);
    }

    [Fact]
    public void Due_date_overrides_are_month_day()
    {
        var org = Organization.Create(NaKham with { DueDates = new DueDatesDraft("05-15", null) }).Value;
        Assert.Equal(new DateOnly(2026, 5, 15), org.DueDates.DueDate(FiscalYear.Of(2569), ReportingRound.SixMonths));
        Assert.Equal(new DateOnly(2026, 10, 31), org.DueDates.DueDate(FiscalYear.Of(2569), ReportingRound.TwelveMonths));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var draft = new OrganizationDraft("Na Kham!", " ", "city", Phone: "0\u0007", Website: "nakham.go.th",
            DueDates: new DueDatesDraft("02-29", "31/10"), Webhook: "ftp://x.go.th");
        var errors = Organization.Create(draft).Errors.Select(e => (e.Code, e.Field)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)>
        {
            ("invalid_format", "id"), ("required", "name"), ("unknown_value", "kind"), ("control_character", "phone"),
            ("invalid_url", "website"), ("out_of_range", "dueDates.sixMonths"), ("invalid_format", "dueDates.twelveMonths"),
            ("invalid_url", "webhook"),
        }, errors);
    }

    [Theory]
    [InlineData("เทศบาลนคร", OrganizationKind.CityMunicipality)]
    [InlineData("อบต.", OrganizationKind.SubdistrictAdministrativeOrganization)]
    [InlineData("อบจ.", OrganizationKind.ProvincialAdministrativeOrganization)]
    [InlineData("other", OrganizationKind.Other)]
    public void Kinds_are_the_thai_short_names(string text, OrganizationKind kind)
    {
        Assert.Equal(kind, OrganizationKinds.Parse(text).Value);
        Assert.Equal(text, kind.Code());
    }

    [Fact]
    public void Units_validate_their_contacts()
    {
        var unit = Unit.Create("na-kham", "finance", new UnitDraft("กองคลัง",
            [new ContactDraft("นางสาวสมใจ ใจดี", "somjai@nakham.go.th")])).Value;
        Assert.Equal("somjai@nakham.go.th", unit.Contacts.Single().Email);

        var errors = Unit.Create("na-kham", "Finance", new UnitDraft("กองคลัง",
            [new ContactDraft("", "somjai@nakham.go.th"), new ContactDraft("สมใจ", "not-an-email"), null]))
            .Errors.Select(e => (e.Code, e.Field)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)>
        {
            ("invalid_format", "id"), ("required", "contacts[0].name"), ("invalid_format", "contacts[1].email"),
            ("required", "contacts[2].name"), ("required", "contacts[2].email"),
        }, errors);
    }

    [Fact]
    public void Officials_have_a_role_in_the_signing_chain()
    {
        var official = Official.Create("na-kham", "mayor", new OfficialDraft("นายสวัสดิ์ ตันแกง", "นายกเทศมนตรีตำบลนาคำ", "executive")).Value;
        Assert.Equal(OfficialRole.Executive, official.Role);
        Assert.Equal(OfficialRole.PermanentSecretary, OfficialRoles.Parse("ปลัด").Value);
        var errors = Official.Create("na-kham", "x", new OfficialDraft("ชื่อ", null, "mayor", 100)).Errors.Select(e => (e.Code, e.Field));
        Assert.Equal([("required", "position"), ("unknown_value", "role"), ("out_of_range", "order")], errors);
    }
}
