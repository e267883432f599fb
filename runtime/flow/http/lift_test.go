package http

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestLift: with a StoreDepth over the body limit, a body past the limit
// is reported cut at the limit (TRUNCATED file, no file.sha256) and
// Liftable; Lift then gives the body and its file up to StoreDepth:
// whole (CLOSED, sha256 of every byte) when it ends within it, still cut
// there when it does not. Request bodies (a POST file) lift as
// responses do; without StoreDepth nothing is liftable.
func TestLift(t *testing.T) {
	body := bytes.Repeat([]byte("abcdefgh"), 8) // 64 bytes
	run := func(depth int, req, resp string) (units []*inspect.Unit, lifted []bool) {
		cfg := DefaultConfig()
		cfg.BodyLimit, cfg.StoreDepth, cfg.FileHashes = 16, depth, filehash.SHA256
		var p *Parser
		p = NewParser(cfg, func(tx *Tx, st Stage) {
			if st != RequestBody && st != ResponseBody {
				return
			}
			u := &inspect.Unit{}
			tx.Fill(u, st)
			units = append(units, u)
			lifted = append(lifted, tx.Liftable(st))
			if tx.Liftable(st) && p.Lift(tx, st) {
				l := &inspect.Unit{}
				tx.Fill(l, st)
				units = append(units, l)
			}
		})
		p.Feed(inspect.ToServer, []byte(req))
		if resp != "" {
			p.Feed(inspect.ToClient, []byte(resp))
		}
		return units, lifted
	}
	head := "HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n"
	sum := sha256.Sum256(body)
	units, lifted := run(1<<10, "GET /f.bin HTTP/1.1\r\n\r\n", head+string(body))
	if len(units) != 2 || !lifted[0] {
		t.Fatalf("%d units, liftable %v", len(units), lifted)
	}
	if f := units[0].Files[0]; f.State() != "TRUNCATED" || f.Size != 16 || buf(units[0], "file.sha256") != "<none>" || buf(units[0], "http.response_body") != string(body[:16]) {
		t.Errorf("before lift: %+v", f)
	}
	if f := units[1].Files[0]; f.State() != "CLOSED" || f.Size != 64 || !bytes.Equal(f.Sums[2], sum[:]) || buf(units[1], "file.sha256") != string(sum[:]) || buf(units[1], "http.response_body") != string(body) {
		t.Errorf("lifted: %+v", f)
	}

	units, _ = run(32, "GET /f.bin HTTP/1.1\r\n\r\n", head+string(body))
	if f := units[len(units)-1].Files[0]; len(units) != 2 || f.State() != "TRUNCATED" || f.Size != 32 {
		t.Errorf("lifted to 32: %d units, %+v", len(units), f)
	}

	units, _ = run(1<<10, "POST /up HTTP/1.1\r\nContent-Length: 64\r\n\r\n"+string(body), "")
	if f := units[len(units)-1].Files[0]; len(units) != 2 || f.State() != "CLOSED" || f.Size != 64 || string(f.Name) != "/up" {
		t.Errorf("request lifted: %d units, %+v", len(units), f)
	}

	if units, lifted = run(0, "GET /f.bin HTTP/1.1\r\n\r\n", head+string(body)); len(units) != 1 || lifted[0] {
		t.Errorf("no store depth: %d units, liftable %v", len(units), lifted)
	}
}
