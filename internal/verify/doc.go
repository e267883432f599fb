// Package verify runs tests in the format of Suricata's verification
// suite (suricata-verify): a folder with test.yaml (checks: filters with a
// count and a match on EVE fields), rules, one pcap and an optional
// suricata.yaml. Any folder tree of such tests can be run.
package verify
