import Foundation
import SObjectMetadata

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The pieces per object of the assembled files (`AssembledFile`) of the previous generation, for
/// `Generator.generate(reusePieces:)`: an object's pieces are read from the file in the output
/// folder only when the cache lists them, the object's fingerprint is the one they were made with,
/// and the file's bytes hash to what the cache recorded (checked once per file, on first use, from
/// any thread). Anything else gives nil, and the pieces are made again. The files are read piece by
/// piece, never held whole.
public final class PreviousPieces: @unchecked Sendable {
  private let cache: GenerationCache?
  private let fingerprints: [String: UInt64]
  private let output: String
  private let lock = NSLock()
  /// By path: the open file, or -1 when its bytes are not those the cache recorded.
  private var files: [String: Int32] = [:]

  public init(cache: GenerationCache?, fingerprints: [String: UInt64], output: String) {
    self.cache = cache
    self.fingerprints = fingerprints
    self.output = output
  }

  deinit {
    for fd in files.values where fd >= 0 { close(fd) }
  }

  /// The previous generation's pieces of `object` in the file at `path`; nil when they cannot be trusted.
  public func pieces(path: String, object: SObjectDefinition) -> [Data]? {
    guard let cache, let record = cache.assembled[path], let ranges = record.pieces[object.name],
      let fingerprint = fingerprints[object.name], cache.objects[object.name]?.fingerprint == fingerprint
    else { return nil }
    let fd = file(path, hash: record.hash)
    guard fd >= 0 else { return nil }
    var pieces: [Data] = []
    for range in ranges {
      var piece = Data(count: range.count)
      let complete = piece.withUnsafeMutableBytes { buffer in
        var done = 0
        while done < buffer.count {
          let count = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(range.lowerBound + done))
          if count < 0 && errno == EINTR { continue }
          if count <= 0 { return false }
          done += count
        }
        return true
      }
      guard complete else { return nil }
      pieces.append(piece)
    }
    return pieces
  }

  /// The file at `path`, open, when its bytes hash to `hash`; -1 otherwise.
  private func file(_ path: String, hash: UInt64) -> Int32 {
    lock.withLock {
      if let known = files[path] { return known }
      // Never through a link, as the output folder is never written through one.
      var fd = open((output as NSString).appendingPathComponent(path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
      if fd >= 0 && Self.hash(of: fd) != hash {
        close(fd)
        fd = -1
      }
      files[path] = fd
      return fd
    }
  }

  /// The hash of an open file's bytes, read in blocks; nil when it cannot be read.
  private static func hash(of fd: Int32) -> UInt64? {
    var stream = FileHash.Stream()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count < 0 { return nil }
      if count == 0 { return stream.finish() }
      buffer.withUnsafeBytes { stream.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }
  }
}
