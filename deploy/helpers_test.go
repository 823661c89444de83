package deploy_test

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// repoRoot is the repository root, the go.work root: the parent of this
// module's directory (go test runs in the package directory).
func repoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(wd)
}

// repoPath joins a slash-separated path inside the repository to its root.
func repoPath(t testing.TB, rel string) string {
	return filepath.Join(repoRoot(t), filepath.FromSlash(rel))
}

func inCI() bool { return os.Getenv("CI") == "true" }

// needProgram returns the path of a Debian program a test needs. Without it
// the test skips, saying how to get it, except in CI, where it fails.
func needProgram(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := name + " is not installed (apt-get install " + debianPackage + ")"
	if inCI() {
		t.Fatal(msg + "; CI=true needs it")
	}
	t.Skip(msg)
	return ""
}

// goBuild builds the main package pkg (a path relative to the repository
// root, like ./cmd/watchwire) into a temporary directory, in workspace mode.
func goBuild(t testing.TB, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Dir = repoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// flagLine matches a flag in the usage the flag package prints for -h:
// "  -name type" or "  -name".
var flagLine = regexp.MustCompile(`(?m)^  -([A-Za-z0-9][A-Za-z0-9._-]*)`)

// flagsOf returns the flags a program defines, from its -h output (args
// come first: a subcommand). A program built on the flag package prints
// every flag it defines there.
func flagsOf(t testing.TB, bin string, args ...string) []string {
	t.Helper()
	out, _ := exec.Command(bin, append(args, "-h")...).CombinedOutput() // -h exits 0 or 2
	var flags []string
	for _, m := range flagLine.FindAllStringSubmatch(string(out), -1) {
		flags = append(flags, m[1])
	}
	if len(flags) == 0 {
		t.Fatalf("%s %s -h printed no flags:\n%s", filepath.Base(bin), strings.Join(args, " "), out)
	}
	sort.Strings(flags)
	return flags
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
