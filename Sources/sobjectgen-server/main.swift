import ArgumentParser
import Foundation
import Hummingbird
import SObjectServer

/// `sobjectgen-server`: serves the metadata's objects over Salesforce's REST API.
struct ServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sobjectgen-server",
    abstract: "A local Salesforce-compatible REST server for the objects of the metadata.")

  @Option(help: "The metadata folder.") var metadata = "Metadata"
  @Option(help: "A SQLite file, or a postgres:// URL.") var database = "local.db"
  @Option(help: "The address to listen on.") var host = "127.0.0.1"
  @Option(help: "The port to listen on (0: any free port).") var port = 8080
  @Option(help: "The bearer token clients must send; made up and printed when not given.") var token: String?
  @Flag(help: "Apply migrations that can lose data.") var allowDestructive = false

  func run() async throws {
    let configuration = ServerConfiguration(
      metadataDirectory: metadata, database: database, host: host, port: port, token: token ?? LocalServer.makeToken(),
      allowDestructive: allowDestructive)
    let server: LocalServer
    do {
      server = try await LocalServer.prepare(configuration)
    } catch {
      FileHandle.standardError.write(Data("sobjectgen-server: \(error)\n".utf8))
      throw ExitCode(1)
    }
    switch server.outcome {
    case .created: print("Created \(database) from \(metadata).")
    case .upToDate: print("\(database) matches \(metadata).")
    case .migrated(let statements): print("Migrated \(database) to \(metadata) (\(statements) statements).")
    }
    let app = server.application { port in
      print("Listening on http://\(configuration.host):\(port)")
      print("Token: \(configuration.token)")
      fflush(stdout)
    }
    try await app.runService()
  }
}

await ServerCommand.main()
