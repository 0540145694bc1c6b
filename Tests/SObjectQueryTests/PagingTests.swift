import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import SObjectQuery
import Testing

/// Pages of a query (nextRecordsUrl's batches) add up to the whole result, on both engines.
@Suite(.serialized) struct PagingTests {
  @Test("pages add up to the whole result", arguments: SQLDialect.allCases)
  func pages(_ dialect: SQLDialect) async throws {
    try SQLEngines.requireEngine(dialect)
    guard let database = try QueryFixtures.database(dialect) else { return }
    defer {
      (database as? SQLiteDatabase)?.remove()
      (database as? PostgreSQLDatabase)?.remove()
    }
    let source = TestRowSource(database: database)
    for soql in [
      "SELECT Id, (SELECT Name FROM Interactions ORDER BY Name) FROM Account ORDER BY Id",
      "SELECT Name, Context.Id FROM EngagementInteraction ORDER BY Name",
      "SELECT Name FROM EngagementInteraction ORDER BY Name LIMIT 7 OFFSET 2",
      "SELECT Status, COUNT(Id) FROM EngagementInteraction GROUP BY Status ORDER BY Status",
    ] {
      let plan = try QueryFixtures.engine.plan(soql, apiVersion: APIVersion(62), dialect: dialect)
      let whole = try await plan.run(on: source)
      var records: [JSONValue] = []
      var start = 0
      var pages = 0
      while true {
        let page = try await plan.run(
          on: source, start: start, batchSize: 3, knownTotal: start == 0 ? nil : whole.totalSize)
        #expect(page.totalSize == whole.totalSize, "\(soql)")
        records += page.records
        pages += 1
        guard let next = page.nextStart else { break }
        #expect(!page.done)
        start = next
      }
      #expect(records == whole.records, "\(soql)")
      #expect(pages == max(1, (whole.totalSize + 2) / 3), "\(soql)")
    }
  }

  @Test func childSubqueriesAreFilledPerPage() async throws {
    try SQLEngines.requireEngine(.sqlite)
    guard let database = try QueryFixtures.database(.sqlite) else { return }
    defer { (database as? SQLiteDatabase)?.remove() }
    let plan = try QueryFixtures.engine.plan(
      "SELECT Id, (SELECT Name FROM Interactions ORDER BY Name) FROM Account ORDER BY Id", apiVersion: APIVersion(62),
      dialect: .sqlite)
    let page = try await plan.run(on: TestRowSource(database: database), start: 1, batchSize: 1)
    #expect(page.records.count == 1)
    let children = page.records[0]["Interactions"]
    #expect(children?["totalSize"] == .int(2))
    #expect(page.json(nextRecordsUrl: "/services/data/v62.0/query/01gX-2").compact().contains("\"nextRecordsUrl\""))
  }
}
