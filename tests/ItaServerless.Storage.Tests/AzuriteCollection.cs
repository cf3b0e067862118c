// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
