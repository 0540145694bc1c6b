import Foundation

/// A unified diff (`diff -U5`) from `expected` to `actual`, for a test failure message: empty when
/// they are equal. Long diffs are cut after `maximumLines` lines.
public func unifiedDiff(
  expected: String, actual: String, expectedName: String = "expected", actualName: String = "actual",
  maximumLines: Int = 120
) -> String {
  if expected == actual { return "" }
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sobjectgen-diff-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: folder) }
  do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let left = folder.appendingPathComponent("expected")
    let right = folder.appendingPathComponent("actual")
    try Data(expected.utf8).write(to: left)
    try Data(actual.utf8).write(to: right)
    let result = try runProgram(
      "/usr/bin/diff", ["-U5", "--label", expectedName, "--label", actualName, left.path, right.path])
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.count <= maximumLines { return result.stdout }
    return lines.prefix(maximumLines).joined(separator: "\n") + "\n… (\(lines.count - maximumLines) more lines)"
  } catch {
    return "(no diff: \(error))"
  }
}
