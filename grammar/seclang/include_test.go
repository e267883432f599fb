package seclang

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/diag"
)

// writeTree creates the files of tree under a fresh temporary folder and
// returns the folder.
func writeTree(t *testing.T, tree map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range tree {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// markers lists the argument of every directive, with the file it came from.
func markers(dir string, ds []*Directive) string {
	var out []string
	for _, d := range ds {
		rel, _ := filepath.Rel(dir, d.Pos.File)
		out = append(out, filepath.ToSlash(rel)+":"+d.Args[0].Value)
	}
	return strings.Join(out, " ")
}

func TestIncludes(t *testing.T) {
	cases := []struct {
		name string
		tree map[string]string
		want string
		errs []string
	}{
		{
			name: "glob relative to the including file, in order",
			tree: map[string]string{
				"main.conf":         "SecMarker start\nInclude rules/*.conf\nSecMarker end\n",
				"rules/b.conf":      "SecMarker b\n",
				"rules/a.conf":      "SecMarker a\nInclude ../extra/x.conf\n",
				"rules/c.conf.skip": "SecMarker skipped\n",
				"extra/x.conf":      "SecMarker x\n",
			},
			want: "main.conf:start rules/a.conf:a extra/x.conf:x rules/b.conf:b main.conf:end",
		},
		{
			name: "a folder includes its files",
			tree: map[string]string{
				"main.conf":    "Include \"d\"\n",
				"d/2.conf":     "SecMarker two\n",
				"d/1.conf":     "SecMarker one\n",
				"d/sub/x.conf": "SecMarker no\n",
				"d/words.data": "not SecLang\n",
			},
			want: "d/1.conf:one d/2.conf:two",
		},
		{
			name: "cycle",
			tree: map[string]string{
				"main.conf": "Include a.conf\n",
				"a.conf":    "SecMarker a\nInclude b.conf\n",
				"b.conf":    "SecMarker b\n  Include a.conf\n",
			},
			want: "a.conf:a b.conf:b",
			errs: []string{"b.conf:2:11: include cycle: |/a.conf -> |/b.conf -> |/a.conf: bad value"},
		},
		{
			name: "self include",
			tree: map[string]string{"main.conf": "SecMarker m\nInclude main.conf\n"},
			want: "main.conf:m",
			errs: []string{"main.conf:2:9: include cycle"},
		},
		{
			name: "a file included twice is read once, the second include reported",
			tree: map[string]string{
				"main.conf": "Include c.conf\nInclude c.conf\n",
				"c.conf":    "SecMarker c\n",
			},
			want: "c.conf:c",
			errs: []string{"main.conf:2:9: |c.conf included again (first at |main.conf:1:9): its rules would be duplicates"},
		},
		{
			name: "missing files",
			tree: map[string]string{
				"main.conf": "Include none/*.conf\nIncludeOptional none/*.conf\nIncludeOptional none.conf\nInclude none.conf\nSecMarker m\n",
			},
			want: "main.conf:m",
			errs: []string{"main.conf:1:9: no file matches", "main.conf:4:9: cannot include"},
		},
		{
			name: "syntax errors of included files are kept",
			tree: map[string]string{
				"main.conf": "Include bad.conf\nSecMarker m\n",
				"bad.conf":  "SecMarker\nSecMarker b\n",
			},
			want: "bad.conf:b main.conf:m",
			errs: []string{"bad.conf:1:1: SecMarker takes 1 argument"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTree(t, c.tree)
			ds, errs := ParseFiles(filepath.Join(dir, "main.conf"))
			if got := markers(dir, ds); got != c.want {
				t.Errorf("directives %s\nwant %s", got, c.want)
			}
			if errs.Len() != len(c.errs) {
				t.Fatalf("errors %v, want %d", errs.Items, len(c.errs))
			}
			for i, e := range errs.Items {
				for _, frag := range strings.Split(c.errs[i], "|") {
					if !strings.Contains(filepath.ToSlash(e.Error()), frag) {
						t.Errorf("error %v lacks %q", e, frag)
					}
				}
			}
		})
	}
}

func TestParseFilesArguments(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"setup.conf":   "SecMarker s\n",
		"rules/1.conf": "SecMarker one\n",
		"rules/2.conf": "SecMarker two\n",
	})
	ds, errs := ParseFiles(filepath.Join(dir, "setup.conf"), filepath.Join(dir, "rules", "*.conf"), filepath.Join(dir, "nope.conf"))
	if got := markers(dir, ds); got != "setup.conf:s rules/1.conf:one rules/2.conf:two" {
		t.Errorf("directives %s", got)
	}
	if errs.Len() != 1 || !errors.Is(errs.Items[0], diag.ErrBadValue) || errs.Items[0].Pos.File != filepath.Join(dir, "nope.conf") {
		t.Errorf("errors %v", errs.Items)
	}
}

func TestIncludeCycleThroughSymlink(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.conf": "SecMarker m\nInclude alias.conf\n"})
	if err := os.Symlink(filepath.Join(dir, "main.conf"), filepath.Join(dir, "alias.conf")); err != nil {
		t.Skip(err)
	}
	ds, errs := ParseFiles(filepath.Join(dir, "main.conf"))
	if len(ds) != 1 || errs.Len() != 1 || !strings.Contains(errs.Items[0].Error(), "include cycle") {
		t.Errorf("directives %d, errors %v", len(ds), errs.Items)
	}
}
