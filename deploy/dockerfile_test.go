package deploy_test

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

// dockerfile is what the tests need of a Dockerfile: its instructions in
// order, continuation lines joined, comments dropped.
type dockerfile struct {
	path  string
	instr []instruction
}

type instruction struct {
	cmd  string // upper case: FROM, COPY, ...
	args string
}

func readDockerfile(t testing.TB, path string) dockerfile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	df := dockerfile{path: path}
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if more, ok := strings.CutSuffix(line, `\`); ok {
			cur.WriteString(more + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		df.instr = append(df.instr, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return df
}

// stages splits the instructions at each FROM.
func (d dockerfile) stages() [][]instruction {
	var out [][]instruction
	for _, in := range d.instr {
		if in.cmd == "FROM" {
			out = append(out, nil)
		}
		if len(out) > 0 {
			out[len(out)-1] = append(out[len(out)-1], in)
		}
	}
	return out
}

// env returns the ENV settings of the final stage (ENV K=V ... or ENV K V).
func (d dockerfile) env() map[string]string {
	st := d.stages()
	env := map[string]string{}
	for _, in := range st[len(st)-1] {
		if in.cmd != "ENV" {
			continue
		}
		if k, v, ok := strings.Cut(in.args, " "); ok && !strings.Contains(k, "=") {
			env[k] = strings.TrimSpace(v)
			continue
		}
		for _, kv := range strings.Fields(in.args) {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = strings.Trim(v, `"`)
		}
	}
	return env
}

// copySources returns the build-context sources of COPY and ADD (not those
// --from another stage).
func (d dockerfile) copySources() []string {
	var srcs []string
	for _, in := range d.instr {
		if in.cmd != "COPY" && in.cmd != "ADD" {
			continue
		}
		var words []string
		for _, w := range strings.Fields(in.args) {
			if strings.HasPrefix(w, "--from=") {
				words = nil
				break
			}
			if !strings.HasPrefix(w, "--") {
				words = append(words, w)
			}
		}
		if len(words) >= 2 {
			srcs = append(srcs, words[:len(words)-1]...)
		}
	}
	return srcs
}

var goBuildPkg = regexp.MustCompile(`go build .*\s(\./\S+)\s*$`)

// goBuildTarget is the package of the Dockerfile's go build.
func (d dockerfile) goBuildTarget() string {
	for _, in := range d.instr {
		if in.cmd == "RUN" {
			if m := goBuildPkg.FindStringSubmatch(in.args); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// last returns the arguments of the final stage's last instruction cmd.
func (d dockerfile) last(cmd string) string {
	st := d.stages()
	arg := ""
	for _, in := range st[len(st)-1] {
		if in.cmd == cmd {
			arg = in.args
		}
	}
	return arg
}

func TestDockerfilesBuildStaticNonRootImages(t *testing.T) {
	for _, name := range []string{"ingestor", "tagger", "alerter", "watchwire"} {
		t.Run(name, func(t *testing.T) {
			df := readDockerfile(t, repoPath(t, "deploy/docker/"+name+".Dockerfile"))
			st := df.stages()
			if len(st) < 2 {
				t.Fatalf("%d stages, want a build stage and a runtime stage", len(st))
			}
			if from := st[0][0].args; !strings.HasPrefix(from, "golang:1.26") {
				t.Errorf("build stage FROM %s, want golang:1.26", from)
			}
			if !strings.Contains(df.last("FROM"), "alpine:") && !strings.Contains(df.last("FROM"), "distroless/static") {
				t.Errorf("runtime stage FROM %s, want a small base (alpine or distroless static)", df.last("FROM"))
			}
			if !containsInstr(st[0], "ENV", "CGO_ENABLED=0") {
				t.Error("the build stage does not set CGO_ENABLED=0: the binary would not be static")
			}
			if user := df.last("USER"); user == "" || strings.HasPrefix(user, "root") || strings.HasPrefix(user, "0") {
				t.Errorf("runtime USER %q, want a non-root user", user)
			}
			entry := df.last("ENTRYPOINT")
			if !containsInstr(st[len(st)-1], "COPY", "--from=build /out/"+name+" /usr/local/bin/"+name) ||
				entry != `["/usr/local/bin/`+name+`"]` {
				t.Errorf("ENTRYPOINT %s is not the binary copied from the build stage", entry)
			}
			for _, src := range df.copySources() {
				if src == "." {
					continue
				}
				if _, err := os.Stat(repoPath(t, src)); err != nil {
					t.Errorf("COPY %s: not in the build context (the repository root): %v", src, err)
				}
			}
			if name == "tagger" || name == "watchwire" {
				if !containsInstr(st[len(st)-1], "COPY", "data/ofac /app/data/ofac") {
					t.Error("the image does not bundle data/ofac, the default watchlist")
				}
			}
			if df.goBuildTarget() == "" {
				t.Error("no `go build ... ./path` in a RUN")
			}
		})
	}
}

func containsInstr(st []instruction, cmd, args string) bool {
	for _, in := range st {
		if in.cmd == cmd && strings.Contains(in.args, args) {
			return true
		}
	}
	return false
}

// TestScreeningBinariesBuiltWithProfile: the two binaries that screen,
// watchwire and the tagger, are built with the scan's CPU profile
// (profile-guided optimisation: go build reads a default.pgo beside the
// main package, in the images as anywhere). The tagger's is a link to
// watchwire's, so the two cannot drift apart.
func TestScreeningBinariesBuiltWithProfile(t *testing.T) {
	profile := repoPath(t, "cmd/watchwire/default.pgo")
	want, err := os.Stat(profile)
	if err != nil {
		t.Fatalf("the profile the binaries are built with: %v", err)
	}
	b, err := os.ReadFile(profile)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 1024 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("%s is not a CPU profile (gzipped pprof, %d bytes): write it with make pgo", profile, len(b))
	}
	for _, name := range []string{"watchwire", "tagger"} {
		df := readDockerfile(t, repoPath(t, "deploy/docker/"+name+".Dockerfile"))
		pkg := df.goBuildTarget()
		got, err := os.Stat(repoPath(t, pkg+"/default.pgo"))
		if err != nil {
			t.Errorf("%s: %s has no default.pgo: %v", name, pkg, err)
			continue
		}
		if !os.SameFile(got, want) {
			t.Errorf("%s: %s/default.pgo is not cmd/watchwire/default.pgo (link it: the binaries share one profile)", name, pkg)
		}
		for _, in := range df.instr {
			if in.cmd == "RUN" && strings.Contains(in.args, "-pgo=off") {
				t.Errorf("%s: the image's go build turns the profile off: %s", name, in.args)
			}
		}
	}
}
