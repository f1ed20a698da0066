import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ImportPage } from '@/components/import/ImportPage';
import '@/components/shared/theme.css';
import './import.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('importTitle') || document.title;
const root = document.getElementById('app');
if (root) render(<ImportPage />, root);
