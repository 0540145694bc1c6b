import ArgumentParser
import Foundation
import SObjectGenCore
import SObjectMetadata

extension SQLDialect: ExpressibleByArgument {}

struct Migrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Prints the SQL that brings a database made from the old metadata to the new one; refuses changes that lose data unless --allow-destructive."
  )

  @Option(name: .long, help: "The metadata folder the database was made from.")
  var from: String

  @Option(name: .long, help: "The metadata folder to migrate to.")
  var to: String = "Metadata"

  @Option(name: .long, help: "sqlite or postgresql.")
  var dialect: SQLDialect

  @Flag(
    name: .long,
    help: "Also print changes that can lose data: dropped objects or fields, narrowed types, fields made required.")
  var allowDestructive = false

  func run() throws {
    let old = try loadModel(MetadataOptions(metadata: from))
    let new = try loadModel(MetadataOptions(metadata: to))
    let migration = SQLMigrationPlanner.plan(from: old, to: new, dialect: dialect)
    if !migration.destructiveChanges.isEmpty, !allowDestructive {
      for change in migration.destructiveChanges { printError("error: destructive change: \(change)") }
      let count = migration.destructiveChanges.count
      printError(
        "\(count) destructive change\(count == 1 ? "" : "s") refused; nothing was printed. Rerun with --allow-destructive to apply \(count == 1 ? "it" : "them")."
      )
      throw ExitCode.failure
    }
    print(migration.script, terminator: "")
  }
}
