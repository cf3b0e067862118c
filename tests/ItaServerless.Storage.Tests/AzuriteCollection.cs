// SPDX-License-Identifier: MIT
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
