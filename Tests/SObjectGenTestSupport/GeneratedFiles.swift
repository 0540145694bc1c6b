import Foundation
import Testing

/// Expects two sets of generated files (by path) to hold the same paths and bytes, naming the paths
/// whose bytes differ; `context` (what led there) starts each failure's message.
public func expectSameFiles(
  _ actual: [String: Data], _ expected: [String: Data], context: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let prefix = context.isEmpty ? "" : "\(context): "
  #expect(
    actual.keys.sorted() == expected.keys.sorted(), "\(prefix)other files than a cold run",
    sourceLocation: sourceLocation)
  let differing = expected.keys.filter { actual[$0] != expected[$0] }.sorted()
  #expect(differing.isEmpty, "\(prefix)differ from a cold run: \(differing)", sourceLocation: sourceLocation)
}

/// Puts "Edited. " before the first field description of `objects/<object>.yaml` in a metadata folder.
public func editFirstDescription(of object: String, in metadata: URL) throws {
  let file = metadata.appendingPathComponent("objects/\(object).yaml")
  let text = try String(contentsOf: file, encoding: .utf8)
  let edited = try #require(text.range(of: "    description: "))
  try text.replacingCharacters(in: edited, with: "    description: Edited. ").write(
    to: file, atomically: true, encoding: .utf8)
}
