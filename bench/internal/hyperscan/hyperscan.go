package hyperscan

/*
#cgo LDFLAGS: -lhs
#include <stdlib.h>
#include <hs/hs.h>

typedef struct {
	unsigned long long n;
	unsigned cap;
	unsigned *ids;
	unsigned long long *ends;
} hits;

static int on_match(unsigned id, unsigned long long from, unsigned long long to,
		unsigned flags, void *ctx) {
	hits *h = ctx;
	if (h->n < h->cap) {
		h->ids[h->n] = id;
		h->ends[h->n] = to;
	}
	h->n++;
	return 0;
}

static hs_error_t scan(const hs_database_t *db, const char *data, unsigned len,
		hs_scratch_t *scratch, hits *h) {
	h->n = 0;
	return hs_scan(db, data, len, 0, scratch, on_match, h);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

// ErrHyperscan wraps every error Hyperscan returns.
var ErrHyperscan = errors.New("hyperscan")

// Match is one occurrence: the literal's index and the offset just past
// its end.
type Match struct {
	ID  int
	End int
}

// DB is a compiled literal set with one scratch space and one match
// buffer; it is not safe for concurrent use.
type DB struct {
	db      *C.hs_database_t
	scratch *C.hs_scratch_t
	hits    *C.hits
}

// Compile builds a block-mode database of lits; literal i reports id i
// and is caseless when nocase[i].
func Compile(lits [][]byte, nocase []bool) (*DB, error) {
	n := len(lits)
	if n == 0 || len(nocase) != n {
		return nil, fmt.Errorf("%w: %d literals, %d flags", ErrHyperscan, n, len(nocase))
	}
	exprs := (*[1 << 30]*C.char)(C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof((*C.char)(nil)))))[:n:n]
	flags := (*[1 << 30]C.uint)(C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.uint(0)))))[:n:n]
	ids := (*[1 << 30]C.uint)(C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.uint(0)))))[:n:n]
	lens := (*[1 << 30]C.size_t)(C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.size_t(0)))))[:n:n]
	defer func() {
		for _, e := range exprs {
			C.free(unsafe.Pointer(e))
		}
		for _, p := range []unsafe.Pointer{unsafe.Pointer(&exprs[0]), unsafe.Pointer(&flags[0]), unsafe.Pointer(&ids[0]), unsafe.Pointer(&lens[0])} {
			C.free(p)
		}
	}()
	for i, l := range lits {
		exprs[i] = (*C.char)(C.CBytes(l))
		lens[i] = C.size_t(len(l))
		ids[i] = C.uint(i)
		flags[i] = 0
		if nocase[i] {
			flags[i] = C.HS_FLAG_CASELESS
		}
	}
	d := &DB{}
	var cerr *C.hs_compile_error_t
	if rc := C.hs_compile_lit_multi(&exprs[0], &flags[0], &ids[0], &lens[0], C.uint(n), C.HS_MODE_BLOCK, nil, &d.db, &cerr); rc != C.HS_SUCCESS {
		msg := "unknown"
		if cerr != nil {
			msg = C.GoString(cerr.message)
			C.hs_free_compile_error(cerr)
		}
		return nil, fmt.Errorf("%w: compile: %s (%d)", ErrHyperscan, msg, int(rc))
	}
	if rc := C.hs_alloc_scratch(d.db, &d.scratch); rc != C.HS_SUCCESS {
		C.hs_free_database(d.db)
		return nil, fmt.Errorf("%w: alloc scratch (%d)", ErrHyperscan, int(rc))
	}
	d.hits = (*C.hits)(C.calloc(1, C.size_t(unsafe.Sizeof(C.hits{}))))
	runtime.SetFinalizer(d, (*DB).free)
	return d, nil
}

func (d *DB) free() {
	C.free(unsafe.Pointer(d.hits.ids))
	C.free(unsafe.Pointer(d.hits.ends))
	C.free(unsafe.Pointer(d.hits))
	C.hs_free_scratch(d.scratch)
	C.hs_free_database(d.db)
}

// Size is the database's size in bytes.
func (d *DB) Size() int {
	var n C.size_t
	C.hs_database_size(d.db, &n)
	return int(n)
}

// Count scans data and returns the number of matches.
func (d *DB) Count(data []byte) (int, error) {
	if len(data) == 0 {
		return 0, nil
	}
	if rc := C.scan(d.db, (*C.char)(unsafe.Pointer(&data[0])), C.uint(len(data)), d.scratch, d.hits); rc != C.HS_SUCCESS {
		return 0, fmt.Errorf("%w: scan (%d)", ErrHyperscan, int(rc))
	}
	return int(d.hits.n), nil
}

// Matches scans data and appends every match to out.
func (d *DB) Matches(data []byte, out []Match) ([]Match, error) {
	want := len(data)
	for {
		d.grow(want)
		n, err := d.Count(data)
		if err != nil {
			return out, err
		}
		if n > int(d.hits.cap) {
			want = n
			continue
		}
		ids := unsafe.Slice(d.hits.ids, n)
		ends := unsafe.Slice(d.hits.ends, n)
		for i := range n {
			out = append(out, Match{ID: int(ids[i]), End: int(ends[i])})
		}
		return out, nil
	}
}

// grow makes room for n recorded matches.
func (d *DB) grow(n int) {
	if int(d.hits.cap) >= n {
		return
	}
	C.free(unsafe.Pointer(d.hits.ids))
	C.free(unsafe.Pointer(d.hits.ends))
	d.hits.ids = (*C.uint)(C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.uint(0)))))
	d.hits.ends = (*C.ulonglong)(C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.ulonglong(0)))))
	d.hits.cap = C.uint(n)
}
