package suricata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// TestFileHashList: a list line's leading hex run is its digest (text
// after it ignored, lines without one skipped), a digest of the wrong
// length fails the rule, a missing list fails it, ! negates.
func TestFileHashList(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("md5.txt", "# list\n44D88612FEA8A8F36DE82E1278ABB02F eicar.com\n\n 44d88612fea8a8f36de82e1278abb02f\nxyz\n")
	short := write("short.txt", "44d88612fea8a8f36de82e1278abb0\n")
	r := mustCompile(t, `alert http any any -> any any (filemd5:!`+good+`; sid:1;)`)
	h, ok := r.Matchers[0].(*ir.FileHash)
	if !ok || !h.Negated || h.Buffer.Name != "file.md5" || len(h.Hashes) != 1 || h.Hashes[0][0] != 0x44 {
		t.Fatalf("got %#v", r.Matchers[0])
	}
	mustFail(t, `alert http any any -> any any (filemd5:`+short+`; sid:1;)`, diag.ErrBadValue, "hash of 30 hex digits, want 32")
	mustFail(t, `alert http any any -> any any (filesha256:`+good+`; sid:1;)`, diag.ErrBadValue, "want 64")
	if r, _ := compileOne(t, `alert http any any -> any any (filesha1:`+filepath.Join(dir, "none.txt")+`; sid:1;)`); r != nil {
		t.Error("a missing list compiled")
	}
}
