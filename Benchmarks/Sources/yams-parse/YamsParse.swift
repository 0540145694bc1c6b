import Dispatch
import Foundation
import Yams

/// Usage: yams-parse <metadata folder>. Reads and composes every objects/*.yaml on every core (as
/// sobjectgen's loader does) and prints how many files and nodes it read: the cost of the YAML alone.
@main
enum YamsParse {
  static func main() throws {
    guard CommandLine.arguments.count == 2 else {
      FileHandle.standardError.write(Data("usage: yams-parse <metadata folder>\n".utf8))
      exit(2)
    }
    let folder = URL(fileURLWithPath: CommandLine.arguments[1]).appendingPathComponent("objects")
    let paths = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
      .map { folder.appendingPathComponent($0) }
    let counts = Counts()
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      do {
        let text = try String(contentsOf: paths[index], encoding: .utf8)
        let node = try Yams.compose(yaml: text)
        counts.add(nodes: node.map(count) ?? 0, failed: false)
      } catch {
        counts.add(nodes: 0, failed: true)
      }
    }
    let (nodes, failures) = counts.summary
    print("\(paths.count) files, \(nodes) nodes, \(failures) failures")
    exit(failures == 0 ? 0 : 1)
  }

  @Sendable static func count(_ node: Node) -> Int {
    switch node {
    case .scalar, .alias: return 1
    case .sequence(let sequence): return 1 + sequence.reduce(0) { $0 + count($1) }
    case .mapping(let mapping): return 1 + mapping.reduce(0) { $0 + count($1.key) + count($1.value) }
    }
  }
}

final class Counts: @unchecked Sendable {
  private let lock = NSLock()
  private var nodes = 0
  private var failures = 0

  func add(nodes: Int, failed: Bool) {
    lock.lock()
    self.nodes += nodes
    if failed { failures += 1 }
    lock.unlock()
  }

  var summary: (Int, Int) {
    lock.lock()
    defer { lock.unlock() }
    return (nodes, failures)
  }
}
