import Foundation
import SObjectGenTestSupport
import SObjectRuntime
import Testing

@testable import SObjectServer

/// The storage layer's own pieces.
@Suite struct StorageTests {
  /// The generated SQLite DDL splits into whole statements: each trigger with its body.
  @Test func scriptsSplitIntoWholeStatements() throws {
    let ddl = try String(
      contentsOf: packageRoot.appendingPathComponent("Generated/sql/sqlite.sql"), encoding: .utf8)
    let statements = SQLScript.statements(ddl)
    let triggers = statements.filter { $0.hasPrefix("CREATE TRIGGER") }
    #expect(triggers.count == ddl.components(separatedBy: "CREATE TRIGGER").count - 1)
    #expect(triggers.allSatisfy { $0.hasSuffix("END;") })
    #expect(statements.first == "PRAGMA foreign_keys = ON;")
    #expect(statements.last == "COMMIT;")
    #expect(SQLScript.statements("SELECT 'a;b'; SELECT \"c;\"; -- x;\nSELECT $q$ ; $q$;").count == 3)
  }

  @Test func placeholdersPerDialect() {
    let sqlite = SQLText(dialect: .sqlite)
    let postgres = SQLText(dialect: .postgresql)
    #expect(
      sqlite.insert(table: "T", columns: [("A", .text(maxLength: 3)), ("B", .date)])
        == #"INSERT INTO "T" ("A", "B") VALUES (?, ?)"#)
    #expect(
      postgres.insert(table: "T", columns: [("A", .text(maxLength: 3)), ("B", .date)])
        == #"INSERT INTO "T" ("A", "B") VALUES ($1, $2::date)"#)
  }

  /// SQLite's datetimes read back: the store's own `…Z` text, and its functions' UTC text without an offset.
  @Test func storedDateTimesReadBack() throws {
    let date = try #require(SalesforceDateTime("2024-03-01T10:05:00.250Z")).date
    #expect(StoredDateTime.sqliteText(date) == "2024-03-01T10:05:00.250Z")
    #expect(StoredDateTime.parse(StoredDateTime.sqliteText(date)) == date)
    #expect(StoredDateTime.parse("2024-03-01 10:05:00") == date.addingTimeInterval(-0.25))
    #expect(StoredDateTime.parse("2024-03-01 10:05") == nil)
    #expect(StoredDateTime.restText(date) == "2024-03-01T10:05:00.250+0000")
  }
}
