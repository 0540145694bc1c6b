import Foundation
import SObjectMetadata

/// The package's root folder, found from this file's path.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// `Tests/Fixtures/`: the seed pages and the real recorded Salesforce responses, copied into the
/// repository with their provenance (`Tests/Fixtures/PROVENANCE.md`).
public let fixturesFolder = packageRoot.appendingPathComponent("Tests/Fixtures")

/// The repository's `Metadata/` folder.
public let metadataFolder = packageRoot.appendingPathComponent("Metadata").path

/// Loads and validates the repository's `Metadata/`.
public func loadRepositoryMetadata() throws -> MetadataModel {
  try MetadataLoader.load(directory: metadataFolder)
}
