import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a program printed, and how it ended.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public struct ProcessError: Error, CustomStringConvertible {
  public var description: String
}

/// Runs a program to the end, its input from `input`, in `directory` when given. Output goes
/// through files so that neither pipe can fill up and stall it; posix_spawn and waitpid rather than
/// Foundation's Process, whose waitUntilExit can miss the exit of a child that started a daemon
/// (pg_ctl start).
public func runProgram(
  _ executable: String, _ arguments: [String], input: String = "", directory: URL? = nil
) throws -> ProcessResult {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sobjectgen-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let inPath = folder.appendingPathComponent("in").path
  let outPath = folder.appendingPathComponent("out").path
  let errPath = folder.appendingPathComponent("err").path
  try Data(input.utf8).write(to: URL(fileURLWithPath: inPath))

  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  // A working directory through GNU env's --chdir (posix_spawn's addchdir is not visible to Swift).
  let command = directory.map { ["/usr/bin/env", "-C", $0.path, executable] } ?? [executable]
  let argv: [UnsafeMutablePointer<CChar>?] = (command + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid = pid_t()
  let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
  guard spawned == 0 else {
    throw ProcessError(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) == -1 {
    guard errno == EINTR else { throw ProcessError(description: "waitpid \(executable): errno \(errno)") }
  }
  // WIFEXITED / WEXITSTATUS, spelt out (they are C macros).
  let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  return ProcessResult(
    status: exitStatus, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
    stderr: try String(contentsOfFile: errPath, encoding: .utf8))
}
