import ArgumentParser
import Foundation
import Hummingbird
import SObjectServer

/// `sobjectgen-server`: serves the metadata's objects over Salesforce's REST API.
@main
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
  @Option(help: "The daily API request limit the Sforce-Limit-Info header reports.") var apiLimit = 15_000

  func run() async throws {
    let configuration = ServerConfiguration(
      metadataDirectory: metadata, database: database, host: host, port: port, token: token ?? LocalServer.makeToken(),
      allowDestructive: allowDestructive, apiRequestLimit: apiLimit)
    let server: LocalServer
    do {
      server = try await LocalServer.prepare(configuration)
    } catch {
      FileHandle.standardError.write(Data("sobjectgen-server: \(error)\n".utf8))
      throw ExitCode(1)
    }
    // Unbuffered, so that whoever started the server reads each line as it comes.
    @Sendable func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    switch server.outcome {
    case .created: say("Created \(database) from \(metadata).")
    case .upToDate: say("\(database) matches \(metadata).")
    case .migrated(let statements): say("Migrated \(database) to \(metadata) (\(statements) statements).")
    }
    let app = server.application { port in
      say("Listening on http://\(configuration.host):\(port)")
      say("Token: \(configuration.token)")
    }
    try await app.runService()
    // SIGINT or SIGTERM: the server has stopped; close the database before the process ends.
    try await server.service.store.close()
  }
}
