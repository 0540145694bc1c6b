import Foundation
import SObjectMetadata

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The pieces per object of the assembled files (`AssembledFile`) of the previous generation, for
/// `Generator.generate(reusePieces:)`: an object's pieces are taken from the file in the output
/// folder only when the cache lists them, the object's fingerprint is the one they were made with,
/// and the file is still as it was written: its stamp (size, modification and change time, read from
/// the open file) is the one the cache recorded among the aggregate files. Anything else gives nil,
/// and the pieces are made again. The pieces are ranges of the open file, copied into the new file
/// without being read in (`FileRange.copy`).
public final class PreviousPieces: @unchecked Sendable {
  private let cache: GenerationCache?
  private let fingerprints: [String: UInt64]
  private let output: String
  private let lock = NSLock()
  /// By path: the open file, or -1 when it is not as the cache recorded it.
  private var files: [String: Int32] = [:]

  public init(cache: GenerationCache?, fingerprints: [String: UInt64], output: String) {
    self.cache = cache
    self.fingerprints = fingerprints
    self.output = output
  }

  deinit {
    for fd in files.values where fd >= 0 { close(fd) }
  }

  /// Closes the previous files, each on its own thread, so that no piece can be taken from them any
  /// more: the last close of a file the run replaced frees it, which for a large DDL file takes tens
  /// of milliseconds of the kernel's time.
  public func closeFiles() {
    let open = lock.withLock {
      let open = files.values.filter { $0 >= 0 }
      for path in files.keys { files[path] = -1 }
      return open
    }
    DispatchQueue.concurrentPerform(iterations: open.count) { _ = close(open[$0]) }
  }

  /// The previous generation's pieces of `object` in the file at `path`; nil when they cannot be trusted.
  public func pieces(path: String, object: SObjectDefinition) -> [AssembledFile.Piece]? {
    guard let cache, let record = cache.assembled[path], let ranges = record.pieces[object.name],
      let fingerprint = fingerprints[object.name], cache.objects[object.name]?.fingerprint == fingerprint,
      let stamp = cache.aggregateFiles.first(where: { $0.path == path })
    else { return nil }
    let fd = file(stamp)
    guard fd >= 0, ranges.allSatisfy({ $0.upperBound <= stamp.size }) else { return nil }
    return ranges.map { .previous(descriptor: fd, range: $0) }
  }

  /// The file `stamp` names, open, when it is still as stamped; -1 otherwise.
  private func file(_ stamp: GenerationCache.FileStamp) -> Int32 {
    lock.withLock {
      if let known = files[stamp.path] { return known }
      // Never through a link, as the output folder is never written through one.
      var fd = open((output as NSString).appendingPathComponent(stamp.path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
      if fd >= 0 && GenerationCache.stamp(stamp.path, descriptor: fd) != stamp {
        close(fd)
        fd = -1
      }
      files[stamp.path] = fd
      return fd
    }
  }
}
