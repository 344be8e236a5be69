-- Phone numbers of comments in E.164 (+84…), the one canonical form src/lib/phone.ts now stores;
-- they were stored in the national form 0 + nine digits.
UPDATE `comments` SET `phone` = '+84' || substr(`phone`, 2) WHERE `phone` GLOB '0[1-9]*';
