import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import SObjectQuery
import Testing

/// Hostile text is refused cleanly, fast, and values never reach SQL text.
struct HostileQueryTests {
  static let hostile: [(String, String)] = [
    ("a 100 KB query", "SELECT Id FROM Account WHERE Id = '" + String(repeating: "a", count: 100_000) + "'"),
    (
      "10,000 OR terms",
      "SELECT Id FROM Account WHERE " + Array(repeating: "Id = null", count: 10_000).joined(separator: " OR ")
    ),
    (
      "10,000 parentheses",
      "SELECT Id FROM Account WHERE " + String(repeating: "(", count: 10_000) + "Id = null"
        + String(repeating: ")", count: 10_000)
    ),
    ("10,000 NOTs", "SELECT Id FROM Account WHERE " + String(repeating: "NOT ", count: 10_000) + "Id = null"),
    (
      "nested semi-joins",
      "SELECT Id FROM Account WHERE " + String(repeating: "Id IN (SELECT Id FROM Account WHERE ", count: 200)
        + "Id = null" + String(repeating: ")", count: 200)
    ),
    ("a quote that closes early", "SELECT Id FROM Account WHERE Id = 'x'' OR Id != null --'"),
    ("a comment", "SELECT Id FROM Account WHERE Id = null /* ' */ OR Id != null"),
    ("a line comment", "SELECT Id FROM Account WHERE Id = null -- OR Id != null"),
    ("a statement after", "SELECT Id FROM Account; DELETE FROM \"Account\""),
    ("a quoted identifier", "SELECT Id FROM \"Account\" WHERE 1 = 1"),
    ("a backslash at the end", "SELECT Id FROM Account WHERE Id = 'abc\\"),
  ]

  @Test("hostile queries are refused within bounded time", arguments: 0..<hostile.count)
  func refused(_ index: Int) {
    let (name, text) = HostileQueryTests.hostile[index]
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      do {
        _ = try QueryFixtures.engine.plan(text, apiVersion: APIVersion(62), dialect: .sqlite)
        Issue.record("\(name): accepted")
      } catch let error as QueryError {
        #expect(error.errorCode == "MALFORMED_QUERY", "\(name): \(error)")
      } catch {
        Issue.record("\(name): \(error)")
      }
    }
    #expect(elapsed < .seconds(2), "\(name) took \(elapsed)")
  }

  /// Strings that would break out of a spliced literal are bound as parameters, in both dialects.
  @Test("values are bound, never spliced", arguments: SQLDialect.allCases)
  func valuesAreBound(_ dialect: SQLDialect) throws {
    let values = [
      "x\\' OR Name != \\'", "\\'; DROP TABLE \"EngagementInteraction\"; --", "$1", "?1", "%_\\\\", "\\n\\r\\t",
      "\u{1F600}",
    ]
    for value in values {
      let soql =
        "SELECT Id FROM EngagementInteraction WHERE Reason = '\(value)' OR Reason LIKE '\(value)%' OR Reason IN ('\(value)')"
      let statement = try QueryFixtures.engine.plan(soql, apiVersion: APIVersion(62), dialect: dialect).statement()
      for parameter in statement.parameters {
        if case .text(let text) = parameter, text.count > 3 {
          #expect(!statement.sql.contains(text), "\(text) spliced into \(statement.sql)")
        }
      }
      #expect(!statement.sql.contains("DROP"))
      #expect(!statement.sql.contains("\u{1F600}"))
    }
  }

  @Test("a hostile value runs as data on the engines", arguments: SQLDialect.allCases)
  func hostileValueRuns(_ dialect: SQLDialect) async throws {
    try SQLEngines.requireEngine(dialect)
    guard let database = try QueryFixtures.database(dialect) else { return }
    defer {
      (database as? SQLiteDatabase)?.remove()
      (database as? PostgreSQLDatabase)?.remove()
    }
    let plan = try QueryFixtures.engine.plan(
      "SELECT Id FROM EngagementInteraction WHERE Reason = '\\'; DROP TABLE \"EngagementInteraction\"; --' OR Reason = 'O\\'Brien\\'s case'",
      apiVersion: APIVersion(62), dialect: dialect)
    let result = try await plan.run(on: TestRowSource(database: database))
    #expect(result.totalSize == 1)
    #expect(try database.value("SELECT COUNT(*) FROM \"EngagementInteraction\";") == "12")
  }
}
