import Foundation
import SObjectMetadata

/// The package's root folder, found from this file's path.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// `shared/`, beside the repository's clone.
public let sharedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

/// The repository's `Metadata/` folder.
public let metadataFolder = packageRoot.appendingPathComponent("Metadata").path

/// Loads and validates the repository's `Metadata/`.
public func loadRepositoryMetadata() throws -> MetadataModel {
  try MetadataLoader.load(directory: metadataFolder)
}
