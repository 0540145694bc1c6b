import SObjectGenCore
import SObjectMetadata
import SObjectQuery
import Testing

/// Stages 2 and 3 on their own: the typed query, and the SQL each dialect gets for it.
struct CompilerTests {
  let engine = QueryFixtures.engine

  @Test func resolutionBindsNamesToTheModel() throws {
    let typed = try engine.resolve(
      "select name, owner.id, context.id from engagementinteraction", apiVersion: APIVersion(62))
    #expect(typed.object.name == "EngagementInteraction")
    #expect(typed.joins.map(\.object.name) == ["EngagementInteraction", "User", "ServiceAppointment", "Visit"])
    #expect(typed.joins[2].keyPrefix == "08p" && typed.joins[3].keyPrefix == "0Z5")
    #expect(typed.shape.entries.map(\.key) == ["Name", "Owner", "Context"])
    #expect(!typed.isAggregate && !typed.isCountOnly && !typed.includesDeleted)
  }

  @Test func theAPIVersionHidesNewerFields() throws {
    #expect(throws: QueryError.self) {
      try engine.resolve("SELECT PhoneNumber FROM EngagementInteraction", apiVersion: APIVersion(56))
    }
    _ = try engine.resolve("SELECT PhoneNumber FROM EngagementInteraction", apiVersion: APIVersion(57))
  }

  @Test func sqliteSQL() throws {
    let statement = try engine.plan(
      "SELECT Name, Owner.Id FROM EngagementInteraction WHERE Status = 'New' ORDER BY Name LIMIT 5",
      apiVersion: APIVersion(62), dialect: .sqlite
    ).statement()
    #expect(
      statement.sql
        == #"SELECT t0."Id" AS c0, t0."Name" AS c1, t1."Id" AS c2 FROM "EngagementInteraction" AS t0 LEFT JOIN "User" AS t1 ON t1."Id" = t0."OwnerId" WHERE t0."IsDeleted" = FALSE AND t0."Status" = ?1 COLLATE NOCASE ORDER BY t0."Name" COLLATE NOCASE ASC NULLS FIRST LIMIT ?2"#
    )
    #expect(statement.parameters == [.text("New"), .integer(5)])
  }

  @Test func postgresqlSQL() throws {
    let statement = try engine.plan(
      "SELECT Name, Owner.Id FROM EngagementInteraction WHERE Status = 'New' ORDER BY Name LIMIT 5",
      apiVersion: APIVersion(62), dialect: .postgresql
    ).statement()
    #expect(
      statement.sql
        == #"SELECT t0."Id" AS c0, t0."Name" AS c1, t1."Id" AS c2 FROM "EngagementInteraction" AS t0 LEFT JOIN "User" AS t1 ON t1."Id" = t0."OwnerId" WHERE t0."IsDeleted" = FALSE AND lower(t0."Status") = lower(CAST($1 AS text)) ORDER BY lower(t0."Name") ASC NULLS FIRST LIMIT CAST($2 AS bigint)"#
    )
    #expect(statement.parameters == [.text("New"), .integer(5)])
  }

  @Test func polymorphicParentsJoinOnTheKeyPrefix() throws {
    let statement = try engine.plan(
      "SELECT Context.Id FROM EngagementInteraction", apiVersion: APIVersion(62), dialect: .sqlite
    )
    .statement()
    #expect(
      statement.sql.contains(
        #"LEFT JOIN "Visit" AS t2 ON t2."Id" = t0."ContextId" AND substr(t0."ContextId", 1, 3) = ?2"#))
    #expect(statement.parameters == [.text("08p"), .text("0Z5")])
  }

  @Test func pagingAndCounting() throws {
    let plan = try engine.plan(
      "SELECT Name FROM EngagementInteraction ORDER BY Name LIMIT 10 OFFSET 1", apiVersion: APIVersion(62),
      dialect: .sqlite)
    let page = plan.pageStatement(start: 4, count: 3)
    #expect(page.sql.hasSuffix("LIMIT ?1 OFFSET ?2"))
    #expect(page.parameters == [.integer(3), .integer(5)])
    let last = plan.pageStatement(start: 8, count: 3)
    #expect(last.parameters == [.integer(2), .integer(9)])
    #expect(plan.countStatement().sql.hasPrefix("SELECT COUNT(*) AS c0 FROM (SELECT"))
  }

  @Test func queryAllKeepsDeletedRecords() throws {
    let statement = try engine.plan(
      "SELECT Id FROM EngagementInteraction", apiVersion: APIVersion(62), dialect: .sqlite, queryAll: true
    ).statement()
    #expect(!statement.sql.contains("IsDeleted"))
  }
}
