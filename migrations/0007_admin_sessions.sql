CREATE TABLE `admin_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`editor_id` integer NOT NULL,
	`credential` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_editor_idx` ON `admin_sessions` (`editor_id`);--> statement-breakpoint
CREATE INDEX `admin_sessions_expires_idx` ON `admin_sessions` (`expires_at`);