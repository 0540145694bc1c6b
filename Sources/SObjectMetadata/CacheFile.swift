import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the generator's cache files (`ParseCache`, the generation cache): whole, under a new name
/// in the same folder, then renamed into place, so that a reader sees the old file or the new one,
/// never half of one. Unlike `Data.write(to:options: .atomic)`, the bytes are not forced to the disk
/// first (`fsync`): that wait was 0.05 to 0.2 s of a one-file edit at 3,000 objects. A cache that a
/// crash leaves torn or empty is caught by its checksums when read, and the run is then a cold one.
public enum CacheFile {
  public struct WriteFailed: Error, CustomStringConvertible {
    public var description: String
  }

  /// Writes `data` to `url`, replacing any file there, creating the folder. A temporary file that a
  /// killed run left for the same cache (`.<name>.XXXXXX`) is removed first: the run holds the output
  /// folder's lock, so no other run is writing it.
  public static func write(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    removeLeftovers(of: url)
    var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw failure("cannot write", url) }
    let temporary = String(cString: template)
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: data)
      try handle.close()
    } catch {
      unlink(temporary)
      throw WriteFailed(description: "error: \(url.path): cannot write: \(error.localizedDescription)")
    }
    guard chmod(temporary, 0o644) == 0, rename(temporary, url.path) == 0 else {
      let failed = failure("cannot write", url)
      unlink(temporary)
      throw failed
    }
  }

  /// The temporary files of `url` that an earlier, killed write left: `.<name>.` and six characters.
  static func leftovers(of url: URL) -> [URL] {
    let folder = url.deletingLastPathComponent()
    let prefix = ".\(url.lastPathComponent)."
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.utf8.count == prefix.utf8.count + 6 }.sorted()
      .map { folder.appendingPathComponent($0) }
  }

  static func removeLeftovers(of url: URL) {
    for leftover in leftovers(of: url) { unlink(leftover.path) }
  }

  private static func failure(_ what: String, _ url: URL) -> WriteFailed {
    WriteFailed(description: "error: \(url.path): \(what): \(String(cString: strerror(errno)))")
  }
}
