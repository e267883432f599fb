package verify

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Build is the Suricata build a test's requirements are evaluated
// against: 8.0 at its newest patch level, with the features a standard
// 8.0 build reports in --build-info.
var Build = struct {
	Version  [3]int
	Features map[string]bool
}{
	Version: [3]int{8, 0, math.MaxInt},
	Features: map[string]bool{
		"PCAP_SET_BUFF": true, "AF_PACKET": true, "HAVE_PACKET_FANOUT": true, "LIBCAP_NG": true,
		"LIBNET1.1": true, "HAVE_HTP_URI_NORMALIZE_HOOK": true, "PCRE_JIT": true, "HAVE_NSS": true,
		"HTTP2_DECOMPRESSION": true, "HAVE_LUA": true, "HAVE_JA3": true, "HAVE_JA4": true,
		"HAVE_LIBJANSSON": true, "TLS": true, "TLS_C11": true, "MAGIC": true, "RUST": true,
	},
}

// Requires is a test's or one check's requires: section.
type Requires struct {
	MinVersion  string   `yaml:"min-version"`
	LtVersion   string   `yaml:"lt-version"`
	Version     string   `yaml:"version"`
	Features    []string `yaml:"features"`
	NotFeatures any      `yaml:"not-features"`
	Files       []string `yaml:"files"`
}

// Unmet returns why the requirements do not hold for Build, or "".
// Files are looked up relative to dir.
func (r *Requires) Unmet(dir string) (string, error) {
	if r == nil {
		return "", nil
	}
	if r.MinVersion != "" {
		v, err := parseVersion(r.MinVersion)
		if err != nil {
			return "", err
		}
		if compareVersion(Build.Version, v) < 0 {
			return "requires Suricata >= " + r.MinVersion, nil
		}
	}
	if r.LtVersion != "" {
		v, err := parseVersion(r.LtVersion)
		if err != nil {
			return "", err
		}
		if compareVersion(Build.Version, v) >= 0 {
			return "requires Suricata < " + r.LtVersion, nil
		}
	}
	if r.Version != "" {
		v, err := parseVersion(r.Version)
		if err != nil {
			return "", err
		}
		if compareVersion(Build.Version, v) != 0 {
			return "requires Suricata " + r.Version, nil
		}
	}
	for _, f := range r.Features {
		if !Build.Features[strings.ToUpper(f)] {
			return "requires feature " + f, nil
		}
	}
	for _, f := range names(r.NotFeatures) {
		if Build.Features[strings.ToUpper(f)] {
			return "requires no feature " + f, nil
		}
	}
	for _, f := range r.Files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return "requires file " + f, nil
		}
	}
	return "", nil
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

// version is a required version: the parts given, -1 for the rest.
type version [3]int

func parseVersion(s string) (version, error) {
	v := version{-1, -1, -1}
	for i, p := range strings.SplitN(strings.TrimSpace(s), ".", 3) {
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, fmt.Errorf("version %q: %w", s, ErrBadVersion)
		}
		v[i] = n
	}
	return v, nil
}

// compareVersion compares the build with a required version on the parts
// the requirement gives, as suricata-verify does ("8" matches any 8.x).
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
