module github.com/watchwire/watchwire/pkg/events

go 1.26
