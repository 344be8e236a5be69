CREATE TABLE `captcha_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `captcha_uses_expires_idx` ON `captcha_uses` (`expires_at`);