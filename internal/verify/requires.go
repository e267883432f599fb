package verify

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
)

// Build is the Suricata build a test's requirements are evaluated
// against: 8.0 at its newest patch level, on Linux, with the features a
// standard 8.0 build reports in --build-info. suricata-verify's runner
// takes the words of the "Features:" line and the name of every
// "NAME support: yes" line of the build configuration, and compares them
// case-sensitively.
var Build = struct {
	Version  [3]int
	Features map[string]bool
}{
	Version: [3]int{8, 0, math.MaxInt},
	Features: map[string]bool{
		// Features: line (src/suricata.c PrintBuildInfo)
		"PCAP_SET_BUFF": true, "AF_PACKET": true, "HAVE_PACKET_FANOUT": true, "LIBCAP_NG": true,
		"LIBNET1.1": true, "HAVE_HTP_URI_NORMALIZE_HOOK": true, "PCRE_JIT": true, "HAVE_NSS": true,
		"HTTP2_DECOMPRESSION": true, "HAVE_LUA": true, "HAVE_JA3": true, "HAVE_JA4": true,
		"HAVE_LIBJANSSON": true, "TLS": true, "TLS_C11": true, "MAGIC": true, "RUST": true, "POPCNT64": true,
		// "support: yes" lines of configure's summary: the ones on by
		// default when their library is installed (GeoIP2, hiredis,
		// NFQueue, PF_RING, DPDK, eBPF are opt-in)
		"Libmagic": true, "libjansson": true, "JA3": true, "JA4": true, "Hyperscan": true,
		"Libnet": true, "liblz4": true, "Python": true,
	},
}

// platform is what the runner's requires os, arch and lambda see:
// Python's platform.system(), platform.machine() and sys.platform.
var platform = struct{ system, machine, sysPlatform string }{
	system: runtime.GOOS, machine: goarchMachine(runtime.GOARCH), sysPlatform: runtime.GOOS,
}

func goarchMachine(arch string) string {
	switch arch {
	case "amd64":
		return "x86_64"
	case "arm64":
		return "aarch64"
	case "386":
		return "i686"
	}
	return arch
}

// Requires is a test's or one check's requires: section.
type Requires struct {
	MinVersion  string   `yaml:"min-version"`
	LtVersion   string   `yaml:"lt-version"`
	GtVersion   string   `yaml:"gt-version"`
	Version     string   `yaml:"version"`
	Features    []string `yaml:"features"`
	NotFeatures any      `yaml:"not-features"`
	Files       []string `yaml:"files"`
	Env         []string `yaml:"env"`
	// Script commands probe the Suricata source tree the runner sits
	// in; that tree is 8.0's, whose features the tests probe for, so they
	// are taken as met.
	Script []string `yaml:"script"`
	Lambda string   `yaml:"lambda"`
	OS     string   `yaml:"os"`
	Arch   string   `yaml:"arch"`
	// Pcap false: the test runs without a capture.
	Pcap *bool `yaml:"pcap"`
}

// Unmet returns why the requirements do not hold for Build, or "".
// Files are looked up relative to dir.
func (r *Requires) Unmet(dir string) (string, error) {
	if r == nil {
		return "", nil
	}
	for _, v := range []struct {
		want string
		ok   func(int) bool
		why  string
	}{
		{r.MinVersion, func(c int) bool { return c >= 0 }, "requires Suricata >= "},
		{r.LtVersion, func(c int) bool { return c < 0 }, "requires Suricata < "},
		{r.GtVersion, func(c int) bool { return c > 0 }, "requires Suricata > "},
	} {
		if v.want == "" {
			continue
		}
		want, err := parseVersion(v.want, 0)
		if err != nil {
			return "", err
		}
		if !v.ok(compareVersion(Build.Version, want)) {
			return v.why + v.want, nil
		}
	}
	if r.Version != "" {
		want, err := parseVersion(r.Version, -1)
		if err != nil {
			return "", err
		}
		if compareVersion(Build.Version, want) != 0 {
			return "requires Suricata " + r.Version, nil
		}
	}
	for _, f := range r.Features {
		if !Build.Features[f] {
			return "requires feature " + f, nil
		}
	}
	for _, f := range names(r.NotFeatures) {
		if Build.Features[f] {
			return "requires no feature " + f, nil
		}
	}
	for _, e := range r.Env {
		if _, ok := os.LookupEnv(e); !ok {
			return "requires env var " + e, nil
		}
	}
	for _, f := range r.Files {
		if !filepath.IsAbs(f) {
			f = filepath.Join(dir, f)
		}
		if _, err := os.Stat(f); err != nil {
			return "requires file " + f, nil
		}
	}
	if r.Lambda != "" && !lambdaHolds(r.Lambda) {
		return "requires " + r.Lambda, nil
	}
	if r.OS != "" && !strings.HasPrefix(platform.system, strings.ToLower(r.OS)) {
		return "requires os " + r.OS, nil
	}
	if r.Arch != "" && !strings.HasPrefix(platform.machine, strings.ToLower(r.Arch)) {
		return "requires arch " + r.Arch, nil
	}
	return "", nil
}

// lambdaRE is the one form of Python expression tests use as a lambda
// requirement: a comparison of sys.platform with a string.
var lambdaRE = regexp.MustCompile(`^\s*sys\.platform\s*(==|!=)\s*["']([^"']*)["']\s*$`)

// lambdaHolds evaluates a lambda requirement; one of another form is
// not evaluated and counts as unmet.
func lambdaHolds(expr string) bool {
	m := lambdaRE.FindStringSubmatch(expr)
	if m == nil {
		return false
	}
	return (platform.sysPlatform == m[2]) == (m[1] == "==")
}

// names reads a YAML list or map of names.
func names(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, n := range x {
			out = append(out, fmt.Sprint(n))
		}
	case map[string]any:
		for n := range x {
			out = append(out, n)
		}
	}
	return out
}

// version is a required version; parts not given are filled in as the
// runner does: 0 for ordering comparisons, -1 (any) for version:.
type version [3]int

func parseVersion(s string, missing int) (version, error) {
	v := version{missing, missing, missing}
	for i, p := range strings.SplitN(strings.TrimSpace(s), ".", 3) {
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, fmt.Errorf("version %q: %w", s, ErrBadVersion)
		}
		v[i] = n
	}
	return v, nil
}

// compareVersion compares the build with a required version part by
// part; a part of -1 matches any ("8" as version: is any 8.x).
func compareVersion(build [3]int, want version) int {
	for i := range want {
		if want[i] < 0 {
			return 0
		}
		if build[i] != want[i] {
			if build[i] < want[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}
