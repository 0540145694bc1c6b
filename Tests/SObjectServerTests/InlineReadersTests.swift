import Foundation
import GRDB
import Testing

@testable import SObjectServer

/// Reads on the caller's thread: a connection is never shared by two callers at once, no more than
/// `limit` are opened, and a caller that finds them all busy is told so instead of waiting.
@Suite struct InlineReadersTests {
  @Test func aBusyConnectionIsNeverSharedAndTheLimitHolds() async throws {
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("inline.db").path
    let store = try await SQLiteStore.open(path: path, readers: 1)
    try await store.runScript(#"CREATE TABLE "T" ("Id" INTEGER PRIMARY KEY, "Value" TEXT NOT NULL);"#)
    try await store.write { session in
      try await session.execute(#"INSERT INTO "T" ("Id", "Value") VALUES (1, 'one')"#, [])
    }
    var configuration = Configuration()
    configuration.readonly = true
    let readers = InlineReaders(limit: 2) { try DatabaseQueue(path: path, configuration: configuration) }

    // Inside a read, the next caller gets the other connection; inside both, none is left.
    let nested = try readers.read { outer in
      try readers.read { inner -> Bool in
        let innerAnswer = try readers.read { _ in true }
        #expect(innerAnswer == nil)
        return ObjectIdentifier(outer) != ObjectIdentifier(inner)
      }
    }
    #expect(nested == .some(.some(true)))
    #expect(readers.count == 2)

    // Many callers at once: each gets the row or is told every connection is busy; no more open.
    let answers = try await withThrowingTaskGroup(of: String??.self) { group in
      for _ in 0..<200 {
        group.addTask { try readers.read { try String.fetchOne($0, sql: #"SELECT "Value" FROM "T""#) } }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(answers.count == 200)
    #expect(answers.allSatisfy { $0 == nil || $0 == .some("one") })
    #expect(answers.contains { $0 == .some("one") })
    #expect(readers.count == 2)
    try readers.close()
    try await store.close()
  }

  @Test func readsThroughTheStoreSeeEveryCommittedWrite() async throws {
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try await SQLiteStore.open(path: folder.appendingPathComponent("seen.db").path, readers: 2)
    try await store.runScript(#"CREATE TABLE "T" ("Id" INTEGER PRIMARY KEY, "Value" TEXT NOT NULL);"#)
    let select = #"SELECT "Value" FROM "T" WHERE "Id" = ?"#
    try await withThrowingTaskGroup(of: Void.self) { group in
      for number in Int64(1)...100 {
        group.addTask {
          try await store.write { session in
            try await session.execute(
              #"INSERT INTO "T" ("Id", "Value") VALUES (?, ?)"#, [.integer(number), .text("v\(number)")])
          }
          // Acknowledged, so every reader sees it.
          let rows = try await store.read { session in
            try await session.query(select, [.integer(number)], types: [.text(maxLength: nil)])
          }
          #expect(rows == [[.text("v\(number)")]])
        }
      }
      try await group.waitForAll()
    }
    try await store.close()
  }
}
