import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// The describe emitter over the test metadata, compared byte for byte with golden files that were
/// reviewed by eye against the real responses (Golden/README.md says what was checked).
@Suite struct DescribeGoldenTests {
  static let goldenPaths = [
    "describe/Survey.json", "describe/global.json", "layouts/Survey.json", "layouts/Garden.json",
  ]

  @Test(arguments: goldenPaths) func outputEqualsTheReviewedGoldenFile(path: String) throws {
    let files = try DescribeEmitter.emit(try loadDescribeFixtureMetadata())
    let output = try #require(files.first { $0.path == path })
    let golden = try String(contentsOf: describeGoldenFolder.appendingPathComponent(path), encoding: .utf8)
    #expect(
      output.text == golden,
      """
      \(path) differs from its reviewed golden file (Golden/README.md says how to refresh it):
      \(unifiedDiff(expected: golden, actual: output.text, expectedName: "Golden/\(path)", actualName: "emitted"))
      """)
  }

  @Test func theEmitterWritesEveryObjectAndOnlyLayoutableLayouts() throws {
    let files = try DescribeEmitter.emit(try loadDescribeFixtureMetadata()).map(\.path)
    #expect(
      files == [
        "describe/global.json", "describe/Contact.json", "layouts/Contact.json", "describe/Garden.json",
        "layouts/Garden.json",
        "describe/Group.json", "layouts/Group.json", "describe/Site.json", "describe/Survey.json",
        "layouts/Survey.json", "describe/User.json", "layouts/User.json",
      ])
  }
}
