// Package golden holds rulec's golden tests: each testdata/*.txtar file
// gives rule files in and the expected output of rulec out. Run
// `go test ./golden` to compare and `go test ./golden -update` to rewrite
// the expected sections after an intended change.
package golden
