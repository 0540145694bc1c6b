import Foundation
import Testing

@testable import SObjectServer

/// Group commit on SQLite: writes that share a transaction fail alone, and nothing of a refused
/// write is stored, whether it failed before its first statement, after it, or in SQLite.
@Suite struct GroupCommitTests {
  enum Outcome: Sendable, Equatable {
    case stored(Int64)
    case refused(Int64)
  }

  struct Refused: Error {}

  @Test func aRefusedWriteFailsAloneInItsBatch() async throws {
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try await SQLiteStore.open(path: folder.appendingPathComponent("group.db").path, readers: 2)
    try await store.runScript(#"CREATE TABLE "T" ("Id" INTEGER PRIMARY KEY, "Value" TEXT NOT NULL);"#)
    let insert = #"INSERT INTO "T" ("Id", "Value") VALUES (?, ?)"#
    // Many writes at once, so that they wait and share batches.
    let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
      for number in Int64(1)...120 {
        group.addTask {
          do {
            try await store.write { session in
              switch number % 4 {
              case 0:
                // Fails after a statement of its own ran.
                try await session.execute(insert, [.integer(number), .text("gone")])
                throw Refused()
              case 1:
                // Fails before running any statement.
                throw Refused()
              case 2:
                // SQLite refuses the second statement (NOT NULL); the first goes with it.
                try await session.execute(insert, [.integer(number), .text("gone")])
                try await session.execute(insert, [.integer(number + 1000), .null])
              default:
                try await session.execute(insert, [.integer(number), .text("kept")])
                try await session.execute(insert, [.integer(number + 1000), .text("kept")])
              }
            }
            return .stored(number)
          } catch {
            return .refused(number)
          }
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    let stored = Set(outcomes.compactMap { if case .stored(let number) = $0 { number } else { nil } })
    #expect(stored == Set((Int64(1)...120).filter { $0 % 4 == 3 }))
    let rows = try await store.read { session in
      try await session.query(
        #"SELECT "Id", "Value" FROM "T" ORDER BY "Id""#, [], types: [.bigint, .text(maxLength: 10)])
    }
    let expected =
      stored.sorted().map { [SQLValue.integer($0), .text("kept")] }
      + stored.sorted().map { [SQLValue.integer($0 + 1000), .text("kept")] }
    #expect(rows == expected)
    // The writer is usable after the refusals, and the file is sound.
    try await store.write { session in try await session.execute(insert, [.integer(5000), .text("after")]) }
    #expect(try await store.integrityCheck() == "ok")
    try await store.close()
  }
}
