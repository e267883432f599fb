// Package ascii compares and searches bytes without regard to ASCII case,
// as Suricata's nocase does: only the letters A-Z and a-z fold, and every
// other byte, UTF-8 or not, stands for itself.
package ascii
