using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Store;

/// <summary>One throwaway PostgreSQL cluster for every test that needs one; each test gets its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
