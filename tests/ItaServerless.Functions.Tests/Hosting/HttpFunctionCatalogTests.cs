// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Hosting;
using Microsoft.AspNetCore.Http;

namespace ItaServerless.Functions.Tests.Hosting;

/// <summary>The catalog answers 405s (Allow) from the routes themselves, inline constraints included.</summary>
public sealed class HttpFunctionCatalogTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/anything", false)]
    public void Home_route_honours_its_maxlength_constraint(string path, bool matches) =>
        Assert.Equal(matches, HttpFunctionCatalog.Find("Home")!.Matches(new PathString(path)));

    [Fact]
    public void Methods_for_a_path_are_those_of_every_route_matching_it()
    {
        Assert.Equal(["GET"], HttpFunctionCatalog.MethodsFor("/").Select(m => m.ToUpperInvariant()));
        Assert.Empty(HttpFunctionCatalog.MethodsFor("/not-a-route"));
        Assert.Empty(HttpFunctionCatalog.MethodsFor("/api/no/such/route", except: "NotFound"));
    }
}
